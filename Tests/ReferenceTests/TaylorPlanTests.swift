import Foundation
import Reference
import Testing

@Suite("TaylorPlan: choice of scaling and degree")
struct TaylorPlanTests {
    /// Paterson–Stockmeyer products by brute force over every block size.
    static func bruteForceCost(_ m: Int) -> Int {
        m <= 1 ? 0 : (1...m).map { q in q + (m + q - 1) / q - 2 }.min()!
    }

    @Test("Paterson–Stockmeyer cost: known small cases")
    func knownCosts() {
        // m: products. E.g. m = 4 with q = 2: B², then (c₄B² + c₃B + c₂I)·B² + c₁B + c₀I: 2 products.
        let known = [0: 0, 1: 0, 2: 1, 3: 2, 4: 2, 6: 3, 9: 4, 12: 5, 16: 6, 20: 7, 56: 13]
        for (m, cost) in known { #expect(TaylorPlan.patersonStockmeyer(degree: m).products == cost) }
    }

    @Test("Paterson–Stockmeyer cost matches a search over all block sizes", arguments: Array(0...300))
    func costMatchesBruteForce(m: Int) {
        let (products, q) = TaylorPlan.patersonStockmeyer(degree: m)
        #expect(products == Self.bruteForceCost(m))
        #expect(q >= 1 && (m == 0 || q <= m))
        if m > 1 { #expect(q + (m + q - 1) / q - 2 == products) }
    }

    static let cases: [(norm: Double, bits: Int)] = [
        (0.001, 256), (0.5, 256), (1, 192), (10, 256), (200, 256), (200, 192), (1e5, 256), (3, 40),
    ]

    @Test("The chosen degree satisfies the truncation bound; no cheaper degree does", arguments: cases)
    func degreeIsCheapestAdmissible(norm: Double, bits: Int) {
        let plan = TaylorPlan(norm1Bound: norm, bits: bits)
        let log2b = log2(norm) - Double(plan.scaling)
        #expect(TaylorPlan.truncationBoundHolds(log2b: log2b, bits: bits, degree: plan.degree))
        let polynomialCost = plan.products - plan.scaling
        #expect(TaylorPlan.patersonStockmeyer(degree: plan.degree).products == polynomialCost)
        for m in 0..<plan.degree where TaylorPlan.patersonStockmeyer(degree: m).products < polynomialCost {
            #expect(!TaylorPlan.truncationBoundHolds(log2b: log2b, bits: bits, degree: m))
        }
    }

    @Test("No other scaling gives fewer products", arguments: cases)
    func scalingIsOptimal(norm: Double, bits: Int) {
        let best = TaylorPlan(norm1Bound: norm, bits: bits)
        for s in 0...(best.products + 10) {
            let other = TaylorPlan(norm1Bound: norm, bits: bits, scaling: s)
            #expect(other.products >= best.products)
            #expect(other.products == other.scaling + TaylorPlan.patersonStockmeyer(degree: other.degree).products)
        }
    }

    @Test("The bound really bounds the tail: Σ_{k>m} b^k/k! summed in MPFR is ≤ 2^-(p+10)·e^-b",
          arguments: cases)
    func boundHoldsNumerically(norm: Double, bits: Int) {
        let plan = TaylorPlan(norm1Bound: norm, bits: bits)
        let b = mp(norm).scaled(byPowerOfTwo: -plan.scaling)
        var term = MPFloat(1, precision: closedFormBits), tail = MPFloat(precision: closedFormBits)
        for k in 1...(plan.degree + 400) {  // terms beyond m + 400 are below 2^-2000 of the tail here
            term = term * b / MPFloat(k, precision: closedFormBits)
            if k > plan.degree { tail = tail + term }
        }
        let allowed = (-b).exp().scaled(byPowerOfTwo: -(bits + 10))
        #expect(!(allowed < tail))
    }

    @Test("Huge norms: the plan scales down to b ≤ 1 without overflowing anything", arguments: [1e30, 1e300])
    func hugeNorm(norm: Double) {
        let plan = TaylorPlan(norm1Bound: norm, bits: 256)
        #expect(Double(plan.scaling) >= log2(norm) - 1)
        #expect(TaylorPlan.truncationBoundHolds(log2b: log2(norm) - Double(plan.scaling), bits: 256, degree: plan.degree))
    }

    @Test("Zero matrix: no scaling, no products")
    func zeroNorm() {
        let plan = TaylorPlan(norm1Bound: 0, bits: 256)
        #expect(plan.scaling == 0 && plan.products == 0)
    }

    @Test("Larger norms need more squarings; more bits need more work", arguments: [256, 192])
    func monotonicity(bits: Int) {
        let small = TaylorPlan(norm1Bound: 1, bits: bits), large = TaylorPlan(norm1Bound: 1000, bits: bits)
        #expect(large.scaling > small.scaling)
        #expect(TaylorPlan(norm1Bound: 1, bits: 512).products >= small.products)
    }
}
