import Foundation
import Linalg
import Reference
import Testing

// Tests of the independent witness: `ModularProduct` (exact modular products of double-double
// matrices) and `ModularTaylorExp` (exp by Horner + squaring on those products), against MPFR.

/// A random double-double matrix rows×cols: hi ~ N(0,1), row i scaled by 2^rowShift(i) and
/// column j by 2^colShift(j), lo a random fraction of ulp(hi)/2 (≈ 106 random bits in hi + lo).
private func modularWitnessRandomDD(
    _ rows: Int, _ cols: Int, seed: UInt64,
    rowShift: (Int) -> Int = { _ in 0 }, colShift: (Int) -> Int = { _ in 0 }
) -> (hi: Matrix<Double>, lo: Matrix<Double>) {
    var g = SplitMix64(seed: seed)
    var hi = Matrix<Double>(rows: rows, cols: cols), lo = Matrix<Double>(rows: rows, cols: cols)
    for j in 0..<cols {
        for i in 0..<rows {
            hi[i, j] = Foundation.scalbn(g.gaussian(), rowShift(i) + colShift(j))
            lo[i, j] = hi[i, j] * 0x1p-54 * Double.random(in: -1..<1, using: &g)
        }
    }
    return (hi, lo)
}

/// 2^e with 2^e the least power of two strictly above x = max |fl(hi + lo)| of a line (the scale
/// `ModularProduct` documents), 0 for a zero line.
private func modularWitnessLineScale(_ values: [Double]) -> Double {
    let x = values.map(abs).max() ?? 0
    return x == 0 ? 0 : Foundation.scalbn(1.0, Int(x.exponent) + 1)
}

@Suite("ModularWitness: moduli, exactness of the residue products")
struct ModularWitnessPlanTests {
    /// Every plan condition, checked with arithmetic independent of the code under test: Int for
    /// n·h² (< 2^63 here), gcd for coprimality, MPFR (512 bits: the product of ≤ 12 numbers below
    /// 2^26 has ≤ 312 bits, exact) for M > 2·n·2^{2k}.
    @Test("Moduli: odd, pairwise coprime, n·h² < 2^53, M > 2n·2^{2k}, k in 108…118",
          arguments: [1, 2, 3, 16, 32, 100, 256, 512, 1024, 2048, 1 << 20])
    func plan(n: Int) {
        let plan = ModularProduct.Plan(innerDimension: n)
        print("ModularWitness plan \(plan)")
        #expect(plan.scaleBits >= 108 && plan.scaleBits <= 118)
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        for (t, m) in plan.moduli.enumerated() {
            #expect(m % 2 == 1 && m >= 3)
            let h = (m - 1) / 2
            #expect(n * h * h < 1 << 53, "n·h² = \(n * h * h) for m = \(m)")
            #expect(n * h * h <= ModularProduct.exactSumBound)
            for s in 0..<t { #expect(gcd(plan.moduli[s], m) == 1) }
        }
        let product = plan.moduli.reduce(MPFloat(1, precision: 512)) { $0 * MPFloat($1, precision: 512) }
        let bound = MPFloat(2 * n, precision: 512).scaled(byPowerOfTwo: 2 * plan.scaleBits)
        #expect(bound < product)
        #expect(plan.productExceedsBound)
        // Fewest moduli: without the last (smallest) one, M would not exceed 2n·2^{2·108}.
        let fewer = plan.moduli.dropLast().reduce(MPFloat(1, precision: 512)) { $0 * MPFloat($1, precision: 512) }
        #expect(!(MPFloat(2 * n, precision: 512).scaled(byPowerOfTwo: 2 * 108) < fewer))
    }

    @Test("About 11 dgemm calls per product at n = 1024, 10 at 256 and 512")
    func counts() {
        #expect(ModularProduct.Plan(innerDimension: 1024).gemmCalls == 11)
        #expect(ModularProduct.Plan(innerDimension: 512).gemmCalls == 10)
        #expect(ModularProduct.Plan(innerDimension: 256).gemmCalls == 10)
    }

    /// The extreme case of a residue product: all entries ±h (the largest residue magnitude), so
    /// every product is ±h² and the sums reach n·h² — gemm must return the exact integer.
    @Test("dgemm on residues of largest magnitude is exact", arguments: [64, 1024])
    func extremeResidues(n: Int) {
        let h = Double((ModularProduct.Plan(innerDimension: n).moduli[0] - 1) / 2)
        let a = Matrix<Double>(order: n) { i, j in (i + j) % 7 == 0 ? -h : h }
        let b = Matrix<Double>(order: n) { _, _ in h }
        var c = [Double](repeating: 0, count: n * n)
        a.elements.withUnsafeBufferPointer { ap in
            b.elements.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    Double.gemm(m: n, n: n, k: n, alpha: 1, a: ap.baseAddress!, lda: n, b: bp.baseAddress!, ldb: n,
                                beta: 0, c: cp.baseAddress!, ldc: n)
                }
            }
        }
        let hh = Int(h) * Int(h)
        for i in 0..<n {
            let negatives = (0..<n).filter { (i + $0) % 7 == 0 }.count
            #expect(c[i] == Double((n - 2 * negatives) * hh))
        }
    }
}

/// The modular product against the exact product (MPFR at 512 bits: exact for these double-double
/// inputs, its own product rounding ≤ n·2^-512 relative is invisible), entry by entry against the
/// documented bound `Plan.errorBound`: 2^-k(1 + 2^-51)·n·2^{e_i+f_j} + 2^-106(1 + 2^-19)|c_ij|,
/// with |c_ij| taken as the exact value rounded up (factor 1 + 2^-52). Nothing tuned.
@Suite("ModularWitness: modular products against MPFR")
struct ModularWitnessProductTests {
    static func check(_ a: (hi: Matrix<Double>, lo: Matrix<Double>), _ b: (hi: Matrix<Double>, lo: Matrix<Double>),
                      label: String) {
        let n = a.hi.rows
        let c = ModularProduct.multiply(aHi: a.hi, aLo: a.lo, bHi: b.hi, bLo: b.lo)
        let plan = ModularProduct.Plan(innerDimension: n)
        let exact = MPMatrix.fromHiLo(a.hi, a.lo, precision: 512) * MPMatrix.fromHiLo(b.hi, b.lo, precision: 512)
        let computed = MPMatrix.fromHiLo(c.hi, c.lo, precision: 512)
        let rowScale = (0..<n).map { i in modularWitnessLineScale((0..<n).map { a.hi[i, $0] + a.lo[i, $0] }) }
        let colScale = (0..<n).map { j in modularWitnessLineScale((0..<n).map { b.hi[$0, j] + b.lo[$0, j] }) }
        var worst = 0.0, worstRelative = 0.0
        for j in 0..<n {
            for i in 0..<n {
                #expect(c.hi[i, j] + c.lo[i, j] == c.hi[i, j], "not normalised")
                let x = exact[i, j]
                let bound = plan.errorBound(rowScale: rowScale[i], columnScale: colScale[j],
                                            exact: x.magnitude.double * (1 + 0x1p-52))
                let error = (computed[i, j] - x).magnitude.double
                #expect(error <= bound, "\(label): entry (\(i), \(j)) error \(error) > bound \(bound)")
                if bound > 0 { worst = max(worst, error / bound) }
                if !x.isZero { worstRelative = max(worstRelative, error / x.magnitude.double) }
            }
        }
        print("ModularWitness product \(label) \(plan): worst error/bound = \(worst), "
            + "worst relative error = 2^\(log2(worstRelative))")
    }

    @Test("Random N(0,1) double-double matrices", arguments: [3, 17, 64])
    func gaussian(n: Int) {
        Self.check(modularWitnessRandomDD(n, n, seed: UInt64(n)), modularWitnessRandomDD(n, n, seed: UInt64(500 + n)),
                   label: "gaussian")
    }

    @Test("Rows of A and columns of B of very different scale (2^±300, and 2^-1000 with 2^900)")
    func graded() {
        Self.check(modularWitnessRandomDD(16, 16, seed: 1) { 40 * $0 - 300 },
                   modularWitnessRandomDD(16, 16, seed: 2, colShift: { 300 - 40 * $0 }), label: "graded ±300")
        Self.check(modularWitnessRandomDD(8, 8, seed: 3) { $0 % 2 == 0 ? -900 : 900 },
                   modularWitnessRandomDD(8, 8, seed: 4, colShift: { $0 % 2 == 0 ? 100 : -100 }), label: "graded ±900")
        // Entries of one line spanning 2^±60: small entries are truncated relative to the line max.
        Self.check(modularWitnessRandomDD(12, 12, seed: 5, colShift: { 10 * $0 - 60 }),
                   modularWitnessRandomDD(12, 12, seed: 6) { 10 * $0 - 60 }, label: "within-line spread")
    }

    /// Heavy cancellation: row i of A pairs y and −y(1 + 2^-40·r), columns of B repeat x, so each
    /// entry of AB is ≈ 2^-40 of Σ|a||b| (and lo parts make the pairs cancel only partly).
    @Test("Cancellation in every entry")
    func cancellation() {
        let n = 20
        let base = modularWitnessRandomDD(n, n, seed: 7), other = modularWitnessRandomDD(n, n, seed: 8)
        var g = SplitMix64(seed: 9)
        let aHi = Matrix<Double>(order: n) { i, l in
            l % 2 == 0 ? base.hi[i, l] : -base.hi[i, l - 1] * (1 + 0x1p-40 * Double.random(in: -1..<1, using: &g))
        }
        let bHi = Matrix<Double>(order: n) { l, j in other.hi[l - l % 2, j] }
        let bLo = Matrix<Double>(order: n) { l, j in other.lo[l - l % 2, j] }
        Self.check((aHi, base.lo), (bHi, bLo), label: "cancellation")
    }

    @Test("Zero rows of A and zero columns of B give exact zeros; Double operands (lo = 0); n = 1")
    func zerosAndSmall() {
        var a = modularWitnessRandomDD(9, 9, seed: 10), b = modularWitnessRandomDD(9, 9, seed: 11)
        for l in 0..<9 {
            (a.hi[2, l], a.lo[2, l], a.hi[7, l], a.lo[7, l]) = (0, 0, 0, 0)
            (b.hi[l, 4], b.lo[l, 4]) = (0, 0)
        }
        Self.check(a, b, label: "zero lines")
        let c = ModularProduct.multiply(aHi: a.hi, aLo: a.lo, bHi: b.hi, bLo: b.lo)
        for l in 0..<9 {
            #expect(c.hi[2, l] == 0 && c.lo[2, l] == 0 && c.hi[7, l] == 0 && c.hi[l, 4] == 0 && c.lo[l, 4] == 0)
        }
        let zero = Matrix<Double>(rows: 9, cols: 9)
        Self.check((a.hi, zero), (b.hi, zero), label: "Double operands")
        Self.check(modularWitnessRandomDD(1, 1, seed: 12), modularWitnessRandomDD(1, 1, seed: 13), label: "1×1")
        // 1×1 exactly representable: 3·(1/3 in hi + lo) to 2^-106 relative.
        let third = (hi: 1.0 / 3, lo: (1 - 3 * (1.0 / 3)) / 3)
        let one = ModularProduct.multiply(aHi: Matrix(order: 1) { _, _ in 3 }, aLo: Matrix(rows: 1, cols: 1),
                                          bHi: Matrix(order: 1) { _, _ in third.hi }, bLo: Matrix(order: 1) { _, _ in third.lo })
        #expect(abs(one.hi[0, 0] - 1) <= 0x1p-52)
    }

    @Test("n = 0, empty outer dimensions, a rectangular product, non-finite input")
    func shapes() {
        let empty = ModularProduct.multiply(aHi: Matrix(rows: 0, cols: 0), aLo: Matrix(rows: 0, cols: 0),
                                            bHi: Matrix(rows: 0, cols: 0), bLo: Matrix(rows: 0, cols: 0))
        #expect(empty.hi.rows == 0 && empty.hi.cols == 0 && empty.lo.rows == 0)
        let noInner = ModularProduct.multiply(aHi: Matrix(rows: 2, cols: 0), aLo: Matrix(rows: 2, cols: 0),
                                              bHi: Matrix(rows: 0, cols: 3), bLo: Matrix(rows: 0, cols: 3))
        #expect(noInner.hi == Matrix(rows: 2, cols: 3) && noInner.lo == Matrix(rows: 2, cols: 3))
        // 3×5 · 5×2 against the sum in MPFR (inputs exact at 512 bits, sum exact as well).
        let a = modularWitnessRandomDD(3, 5, seed: 14), b = modularWitnessRandomDD(5, 2, seed: 15)
        let c = ModularProduct.multiply(aHi: a.hi, aLo: a.lo, bHi: b.hi, bLo: b.lo)
        #expect(c.hi.rows == 3 && c.hi.cols == 2)
        let plan = ModularProduct.Plan(innerDimension: 5)
        for i in 0..<3 {
            for j in 0..<2 {
                var sum = MPFloat(0, precision: 512)
                for l in 0..<5 {
                    sum = sum + (MPFloat(a.hi[i, l], precision: 512) + MPFloat(a.lo[i, l], precision: 512))
                        * (MPFloat(b.hi[l, j], precision: 512) + MPFloat(b.lo[l, j], precision: 512))
                }
                let computed = MPFloat(c.hi[i, j], precision: 512) + MPFloat(c.lo[i, j], precision: 512)
                let bound = plan.errorBound(
                    rowScale: modularWitnessLineScale((0..<5).map { a.hi[i, $0] + a.lo[i, $0] }),
                    columnScale: modularWitnessLineScale((0..<5).map { b.hi[$0, j] + b.lo[$0, j] }),
                    exact: sum.magnitude.double * (1 + 0x1p-52))
                #expect((computed - sum).magnitude.double <= bound)
            }
        }
        var bad = modularWitnessRandomDD(4, 4, seed: 16)
        bad.lo[1, 2] = .nan
        let nan = ModularProduct.multiply(aHi: bad.hi, aLo: bad.lo, bHi: bad.hi, bLo: bad.hi)
        #expect(nan.hi.elements.allSatisfy(\.isNaN) && nan.lo.elements.allSatisfy(\.isNaN))
        bad.lo[1, 2] = 0
        bad.hi[3, 3] = -.infinity
        let infinite = ModularProduct.multiply(aHi: bad.lo, aLo: bad.lo, bHi: bad.hi, bLo: bad.lo)
        #expect(infinite.hi.elements.allSatisfy(\.isNaN) && infinite.lo.elements.allSatisfy(\.isNaN))
    }
}

/// ModularTaylorExp against the MPFR reference `TaylorReference.compute(a, bits: 256,
/// checkBits: 192)` (good to ≈ 2^-200), normwise digits via `Agreement.digits` (cap 31).
///
/// Tolerance, a priori from the analysis in `ModularTaylorExp` (nothing tuned): every product
/// errs by ≲ 2^-104 relative to |Y||X| (2^-106 for the rounding to hi + lo, plus the inputs'
/// truncation 2^-k·n·2^{e+f} ≤ 2^-108 · 2^4 |Y||X| for dense lines of comparable entries), so the
/// Horner polynomial (m − 1 products, m + 1 additions, ‖X‖₁ ≤ 1/8) is good to ≲ (m + 2)·2^-104;
/// each of the s squarings at most doubles the relative error accumulated so far and adds one
/// product's, so the result is good to ≲ 2^s·(m + 3)·2^-104 relative. This is a worst case:
/// rounding errors are random and the doubling is attained only along the dominant direction.
/// The required digits are −log10 of that, capped at 28 as the target of the witness (the bound
/// exceeds 28 digits for s ≤ 7; for s = 8 and m = 18 it allows 27.6).
@Suite("ModularWitness: exp against the MPFR reference")
struct ModularWitnessExpTests {
    static func requiredDigits(_ r: ModularTaylorExp.Result) -> Double {
        min(28, -log10(Foundation.scalbn(Double(r.degree + 3), r.scaling - 104)))
    }

    /// Digits of normwise agreement with TaylorReference, and the digits required for this run.
    static func digits(_ a: Matrix<Double>, label: String) -> (measured: Double, required: Double) {
        let r = ModularTaylorExp.compute(a)
        let reference = TaylorReference.compute(a, bits: 256, checkBits: 192)
        let d = Agreement.digits(hi1: reference.hi, lo1: reference.lo, hi2: r.hi, lo2: r.lo, cap: 31)
        let required = requiredDigits(r)
        print("ModularWitness exp \(label) n=\(a.rows): \(d.normwise) digits normwise, \(d.componentwise) "
            + "componentwise (required \(required)); s=\(r.scaling) m=\(r.degree) products=\(r.products) "
            + "\(r.seconds) s")
        return (d.normwise, required)
    }

    @Test("Random N(0,1), n = 32")
    func gaussian() {
        var g = SplitMix64(seed: 3232)
        let d = Self.digits(g.gaussianMatrix(32), label: "gaussian")
        #expect(d.measured >= d.required)
    }

    @Test("Skew-symmetric n = 24 (G − Gᵀ)")
    func skew() {
        var g = SplitMix64(seed: 24)
        let x = g.gaussianMatrix(24)
        let d = Self.digits(x - x.transposed, label: "skew")
        #expect(d.measured >= d.required)
    }

    @Test("Nilpotent: strictly upper triangular n = 16 with N(0,1) entries")
    func nilpotent() {
        var g = SplitMix64(seed: 1616)
        let x = g.gaussianMatrix(16)
        let d = Self.digits(Matrix(order: 16) { i, j in j > i ? x[i, j] : 0 }, label: "nilpotent")
        #expect(d.measured >= d.required)
    }

    /// ‖A‖₁ ≈ 10^4: s = 17. exp(A) = [[e^-1, 10^4(e^-1 − e^-2)], [0, e^-2]]; the squarings multiply the
    /// diagonal's relative errors by 2^s (a_s = a_0^{2^s}), the bound's worst case, here ≈ 26 digits.
    @Test("Non-normal 2×2 [[-1, 1e4], [0, -2]]")
    func nonNormal() {
        let d = Self.digits(Matrix(rows: 2, cols: 2, elements: [-1, 0, 1e4, -2]), label: "non-normal 2×2")
        #expect(d.measured >= d.required)
    }

    /// Scalars: hi + lo against e^a in MPFR, relative error within the same a-priori bound; hi
    /// against Foundation.exp (glibc: < 1 ulp) within 1 ulp plus the bound.
    @Test("1×1: e^a", arguments: [3.5, -30, 1e-10, 0.1, 1])
    func scalar(a: Double) {
        let r = ModularTaylorExp.compute(Matrix(order: 1) { _, _ in a })
        let exact = MPFloat(a, precision: 256).exp()
        let computed = MPFloat(r.hi[0, 0], precision: 256) + MPFloat(r.lo[0, 0], precision: 256)
        let relative = ((computed - exact) / exact).magnitude.double
        let bound = Foundation.scalbn(Double(r.degree + 3), r.scaling - 104)
        print("ModularWitness exp 1×1 \(a): relative error 2^\(log2(relative)), bound 2^\(log2(bound)), "
            + "s=\(r.scaling) m=\(r.degree)")
        #expect(relative <= bound)
        #expect(abs(r.hi[0, 0] - Foundation.exp(a)) <= r.hi[0, 0].ulp * (1 + bound * 0x1p53))
        let d = Agreement.digits(hi1: Matrix(order: 1) { _, _ in exact.hiLo.hi }, lo1: Matrix(order: 1) { _, _ in exact.hiLo.lo },
                                 hi2: r.hi, lo2: r.lo, cap: 31)
        #expect(d.normwise >= Self.requiredDigits(r))
    }

    @Test("Zero matrix, n = 0, NaN input")
    func special() {
        let zero = ModularTaylorExp.compute(Matrix(rows: 5, cols: 5))
        #expect(zero.hi == Matrix<Double>.identity(5) && zero.lo == Matrix(rows: 5, cols: 5))
        #expect(zero.scaling == 0 && zero.degree == 0 && zero.products == 0)
        let empty = ModularTaylorExp.compute(Matrix(rows: 0, cols: 0))
        #expect(empty.hi.rows == 0 && empty.lo.cols == 0 && empty.products == 0)
        let nan = ModularTaylorExp.compute(Matrix(rows: 2, cols: 2, elements: [1, .nan, 0, 1]))
        #expect(nan.hi.elements.allSatisfy(\.isNaN) && nan.lo.elements.allSatisfy(\.isNaN))
        #expect(nan.scaling == 0 && nan.degree == 0)
    }

    /// 1/j! in double-double against MPFR: relative error ≤ (1 + 3u²)^j − 1 ≤ 3j·u²(1 + 2^-40)
    /// (u = 2^-53, the DWDivFP3 bound per division).
    @Test("Coefficients 1/j! and the degree rule")
    func coefficients() {
        let c = ModularTaylorExp.reciprocalFactorials(upTo: 24)
        for (j, x) in c.enumerated() {
            let exact = MPFloat.reciprocalFactorial(j, precision: 256)
            let computed = MPFloat(x.hi, precision: 256) + MPFloat(x.lo, precision: 256)
            #expect(((computed - exact) / exact).magnitude.double <= Double(3 * j) * 0x1p-106 * (1 + 0x1p-40))
            #expect(x.hi + x.lo == x.hi)
        }
        // The chosen degree's tail Σ_{j>m} η^j/j! (MPFR, 60 terms) is below 2^-112·e^-η.
        for eta in [0.125, 0.0625 + 1e-9, 1e-3, 1e-12] {
            let m = ModularTaylorExp.degree(normBound: eta)
            let x = MPFloat(eta, precision: 256)
            var tail = MPFloat(0, precision: 256), power = MPFloat(1, precision: 256)
            for j in 1...(m + 60) {
                power = power * x / MPFloat(j, precision: 256)
                if j > m { tail = tail + power }
            }
            #expect(tail < MPFloat(0x1p-112, precision: 256) * (-x).exp(), "η = \(eta), m = \(m)")
        }
        #expect(ModularTaylorExp.degree(normBound: 0.125) == 18)
    }
}

/// Timings (nothing asserted): set EXPM_MODULAR_BENCH=1 to run.
@Suite("ModularWitness: timing of ModularTaylorExp")
struct ModularWitnessBenchmark {
    @Test("Wall time at n = 256, 512, 1024 on N(0,1) and N(0,0.1²); agreement with DoubleDoubleExp (and MPFR at n = 64)",
          .enabled(if: ProcessInfo.processInfo.environment["EXPM_MODULAR_BENCH"] != nil))
    func timing() {
        print("ModularWitness bench: BLAS threads \(BLASThreads.current), \(BLASThreads.libraryDescription)")
        var g = SplitMix64(seed: 2024)
        for scale in [1.0, 0.1] {
            let d = ModularWitnessExpTests.digits(g.gaussianMatrix(64, scale: scale), label: "bench σ=\(scale)")
            print("ModularWitness bench n=64 σ=\(scale): \(d.measured) digits against MPFR")
        }
        for n in [256, 512, 1024] {
            let a = g.gaussianMatrix(n)
            let dd = ModularProduct.multiply(aHi: a, aLo: Matrix(rows: n, cols: n), bHi: a, bLo: Matrix(rows: n, cols: n))
            let clock = ContinuousClock(), start = clock.now
            _ = ModularProduct.multiply(aHi: dd.hi, aLo: dd.lo, bHi: dd.hi, bLo: dd.lo)
            print("ModularWitness bench n=\(n): one product \(start.duration(to: clock.now).inSeconds) s, "
                + "\(ModularProduct.Plan(innerDimension: n))")
            for scale in [1.0, 0.1] {
                let x = a.mapEntries { $0 * scale }
                let r = ModularTaylorExp.compute(x)
                let fast = DoubleDoubleExp.compute(x)
                let d = Agreement.digits(hi1: fast.hi, lo1: fast.lo, hi2: r.hi, lo2: r.lo, cap: 31)
                print("ModularWitness bench n=\(n) σ=\(scale): \(r.seconds) s (fast engine \(fast.seconds) s), "
                    + "‖A‖₁=\(x.norm1), s=\(r.scaling) m=\(r.degree) products=\(r.products); agreement with "
                    + "DoubleDoubleExp \(d.normwise) digits normwise, \(d.componentwise) componentwise")
            }
        }
    }
}
