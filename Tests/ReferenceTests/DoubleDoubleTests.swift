import Foundation
import Linalg
import Reference
import Testing

/// A random double-double matrix: hi ~ N(0,1)·scale (rows scaled by 2^rowShift(i)), lo a random
/// fraction of ulp(hi)/2, so hi + lo carries ≈ 106 random bits.
private func randomDD(_ n: Int, seed: UInt64, rowShift: (Int) -> Int = { _ in 0 }) -> DDMatrix {
    var g = SplitMix64(seed: seed)
    let hi = Matrix(order: n) { i, _ in Foundation.scalbn(g.gaussian(), rowShift(i)) }
    let lo = hi.mapEntries { $0 * 0x1p-54 * Double.random(in: -1..<1, using: &g) }
    return DDMatrix(hi: hi, lo: lo)
}

/// The least power of two ≥ x (x > 0), or 0 for x = 0.
private func powerOfTwoAbove(_ x: Double) -> Double {
    if x == 0 { return 0 }
    return x.significand == 1 ? x : Foundation.scalbn(1, Int(x.exponent) + 1)
}

/// Elementwise double-double arithmetic against MPFR (256 bits, exact for these sums and products),
/// with the first-order bounds stated in `DoubleDoubleArithmetic` (u = 2^-53) and a factor
/// 1 + 2^-40 for second-order terms: addition ≤ 3u²(|a| + |b|), scaling ≤ 8u²|c·a|.
@Suite("DoubleDouble: elementwise arithmetic of DDMatrix against MPFR")
struct DoubleDoubleMatrixTests {
    @Test("Sum, scaled sum, scaling and adding c·I; the sums include heavy cancellation")
    func elementwise() {
        let n = 12
        let a = randomDD(n, seed: 21), b0 = randomDD(n, seed: 22)
        // Half the entries of b cancel a's hi part up to a few ulps.
        let b = DDMatrix(hi: Matrix(order: n) { i, j in (i + j) % 2 == 0 ? -a.hi[i, j] * (1 + 0x1p-50) : b0.hi[i, j] },
                         lo: b0.lo)
        let c = MPFloat(1, precision: 256) / MPFloat(3, precision: 256)
        let cDD = c.hiLo
        var axpy = a
        axpy.add(b, times: cDD)
        var shifted = a
        shifted.addIdentity(times: cDD)
        let sum = a + b, scaled = a.scaled(by: cDD)
        let cExact = MPFloat(cDD.hi, precision: 256) + MPFloat(cDD.lo, precision: 256)
        let u2 = 0x1p-106 * (1 + 0x1p-40)
        func value(_ x: DDMatrix, _ i: Int, _ j: Int) -> MPFloat {
            MPFloat(x.hi[i, j], precision: 256) + MPFloat(x.lo[i, j], precision: 256)
        }
        func error(_ x: DDMatrix, _ i: Int, _ j: Int, _ exact: MPFloat) -> Double { (value(x, i, j) - exact).magnitude.double }
        for j in 0..<n {
            for i in 0..<n {
                let x = value(a, i, j), y = value(b, i, j), cy = cExact * y
                let ax = x.magnitude.double, ay = y.magnitude.double, acy = cy.magnitude.double
                #expect(error(sum, i, j, x + y) <= 3 * u2 * (ax + ay))
                // c·b is rounded (≤ 8u²|c·b|) before the accurate addition (≤ 3u² of the summands).
                #expect(error(axpy, i, j, x + cy) <= 8 * u2 * acy + 3 * u2 * (ax + acy * (1 + 8 * u2)))
                #expect(error(scaled, i, j, cExact * x) <= 8 * u2 * cExact.double * ax)
                let d = i == j ? x + cExact : x
                #expect(error(shifted, i, j, d) <= 3 * u2 * (ax + (i == j ? cExact.double : 0)))
                #expect(sum.hi[i, j] + sum.lo[i, j] == sum.hi[i, j])  // normalised
            }
        }
        #expect(a.norm1 == a.hi.norm1)
        #expect((-a).hi == -a.hi && (-a).lo == -a.lo)
        #expect(a.scaled(byPowerOfTwo: -30).scaled(byPowerOfTwo: 30) == a)
    }
}

/// The Ozaki product against the exact product (MPFR at 256 bits: its own rounding, ≤ n·2^-256
/// relative, is invisible here).
///
/// Tolerance, from the error analysis in `OzakiProduct` (nothing tuned): entry by entry
///     |Ĉ_ij − (AB)_ij| ≤ τ·n·2^{e_i+f_j} + 2^-105·N·((|A||B|)_ij + 2^(2−β)·n·2^{e_i+f_j}),
/// with τ = plan.tailBound ≤ 2^-104, N = exact gemm calls, 2^{e_i} ≥ max|a_i·|, 2^{f_j} ≥ max|b_·j|;
/// a factor 1 + 2^-40 absorbs the second-order terms. The normwise check is the same bound summed:
/// ‖Ĉ − AB‖₁ ≤ c·2^-104·‖|A||B|‖₁ where c = ‖bound‖₁/(2^-104‖|A||B|‖₁) is computed from the data:
/// c = N/2 + τ·ρ/2^-104 with ρ = ‖n·2^{e+f}‖₁/‖|A||B|‖₁, about 2^5 for Gaussian entries, so c is
/// a small number (printed) fixed by the analysis and the matrix class, not by the outcome.
@Suite("DoubleDouble: Ozaki products of double-double matrices against MPFR")
struct DoubleDoubleProductTests {
    static func check(_ a: DDMatrix, _ b: DDMatrix, label: String) {
        let n = a.rows
        let plan = OzakiProduct.Plan.choose(innerDimension: a.cols)
        var stats = OzakiProduct.Statistics()
        let c = OzakiProduct.multiply(a, b, plan: plan, workspace: OzakiProduct.Workspace(), statistics: &stats)
        #expect(stats.multiplyAdds <= Double(plan.gemmEquivalents * n * n * a.cols))
        // Normalised output.
        for e in 0..<(n * n) { #expect(c.hi.elements[e] + c.lo.elements[e] == c.hi.elements[e]) }

        let exact = MPMatrix.fromHiLo(a.hi, a.lo, precision: 256) * MPMatrix.fromHiLo(b.hi, b.lo, precision: 256)
        let computed = MPMatrix.fromHiLo(c.hi, c.lo, precision: 256)
        let absProduct = a.hi.mapEntries(abs) * b.hi.mapEntries(abs)  // |A||B| to ≈ n·2^-53
        let rowScale = (0..<n).map { i in powerOfTwoAbove((0..<n).map { abs(a.hi[i, $0]) }.max()!) }
        let colScale = (0..<n).map { j in powerOfTwoAbove((0..<n).map { abs(b.hi[$0, j]) }.max()!) }
        let exactCalls = Double(plan.exactProducts * plan.blocks)
        let tau = plan.tailBound, slack = 1 + 0x1p-40, nn = Double(n)
        var errorNorm = 0.0, boundNorm = 0.0, absNorm = 0.0, worstRatio = 0.0
        for j in 0..<n {
            var errorColumn = 0.0, boundColumn = 0.0, absColumn = 0.0
            for i in 0..<n {
                let scale = nn * rowScale[i] * colScale[j]
                let bound = slack * (tau * scale
                    + 0x1p-105 * exactCalls * (absProduct[i, j] * (1 + 0x1p-40)
                        + Foundation.scalbn(scale, 2 - plan.sliceBits)))
                let error = (computed[i, j] - exact[i, j]).magnitude.double
                #expect(error <= bound, "\(label): entry (\(i), \(j)) error \(error) > bound \(bound)")
                worstRatio = max(worstRatio, error / bound)
                errorColumn += error
                boundColumn += bound
                absColumn += absProduct[i, j]
            }
            errorNorm = max(errorNorm, errorColumn)
            boundNorm = max(boundNorm, boundColumn)
            absNorm = max(absNorm, absColumn)
        }
        let cBound = boundNorm / (0x1p-104 * absNorm)
        let measured = errorNorm / absNorm
        #expect(measured <= cBound * 0x1p-104)
        print("DoubleDouble product \(label) n=\(n) \(plan): ‖E‖₁/‖|A||B|‖₁ = 2^\(log2(measured)), "
            + "c = \(cBound), worst entry error/bound = \(worstRatio)")
    }

    @Test("Random N(0,1) double-double matrices", arguments: [3, 17, 64, 200])
    func gaussian(n: Int) {
        Self.check(randomDD(n, seed: UInt64(n)), randomDD(n, seed: UInt64(1000 + n)), label: "gaussian")
    }

    @Test("Rows of A and columns of B graded over 2^±40 (exercises the per-line scaling)")
    func graded() {
        let a = randomDD(17, seed: 5) { i in 5 * i - 40 }
        let b = DDMatrix(hi: randomDD(17, seed: 6).hi.transposed, lo: randomDD(17, seed: 6).lo.transposed)
        let graded = DDMatrix(hi: Matrix(order: 17) { i, j in Foundation.scalbn(b.hi[i, j], 40 - 5 * j) },
                              lo: Matrix(order: 17) { i, j in Foundation.scalbn(b.lo[i, j], 40 - 5 * j) })
        Self.check(a, graded, label: "graded")
    }

    @Test("Double operands (lo = 0), zeros, 1×1, 0×0 and a rectangular product")
    func edgeCases() {
        var g = SplitMix64(seed: 7)
        let x = DDMatrix(g.gaussianMatrix(9))
        Self.check(x, x, label: "double")
        let z = DDMatrix(rows: 9, cols: 9)
        #expect(OzakiProduct.multiply(x, z) == z)
        Self.check(randomDD(1, seed: 8), randomDD(1, seed: 9), label: "1×1")
        #expect(OzakiProduct.multiply(DDMatrix(rows: 0, cols: 0), DDMatrix(rows: 0, cols: 0)).rows == 0)
        // 2×3 · 3×4 against the textbook sum in MPFR (Double operands: exact in 256 bits), relative
        // to |A||B| (for n = 3, τ ≈ 2^-120 and N = 6: the bound above is below 2^-104·(|A||B|)_ij).
        let a = DDMatrix(Matrix(rows: 2, cols: 3, elements: [1, 2, 3, 4, 5, 6].map { $0 / 7 }))
        let b = DDMatrix(Matrix(rows: 3, cols: 4, elements: (0..<12).map { Double($0) / 3 - 1 }))
        let c = OzakiProduct.multiply(a, b)
        #expect(c.rows == 2 && c.cols == 4)
        for i in 0..<2 {
            for j in 0..<4 {
                var sum = MPFloat(precision: 256)
                var magnitude = 0.0
                for k in 0..<3 {
                    sum = sum + MPFloat(a.hi[i, k], precision: 256) * MPFloat(b.hi[k, j], precision: 256)
                    magnitude += abs(a.hi[i, k] * b.hi[k, j])
                }
                let computed = MPFloat(c.hi[i, j], precision: 256) + MPFloat(c.lo[i, j], precision: 256)
                #expect((computed - sum).magnitude.double <= 0x1p-104 * magnitude)
            }
        }
    }
}

/// DoubleDoubleExp against the MPFR reference `TaylorReference.compute` (good to ≈ 2^-200, see
/// `tolerance256`), normwise: −log10(‖(hi+lo) − exp(A)‖₁/‖exp(A)‖₁), all in MPFR at 256 bits.
@Suite("DoubleDouble: exp in double-double against the MPFR reference")
struct DoubleDoubleExpTests {
    /// Digits of normwise agreement of DoubleDoubleExp with TaylorReference on `a`.
    static func digits(_ a: Matrix<Double>, label: String) -> Double {
        let r = DoubleDoubleExp.evaluate(a)
        let reference = TaylorReference.compute(a)
        let d = Agreement.digits(hi1: reference.hi, lo1: reference.lo, hi2: r.value.hi, lo2: r.value.lo, cap: 40)
        print("DoubleDouble exp \(label) n=\(a.rows): \(d.normwise) digits normwise, "
            + "\(d.componentwise) componentwise; s=\(r.scaling) m=\(r.degree) products=\(r.products) "
            + "gemm=\(r.statistics.gemmCalls)")
        return d.normwise
    }

    @Test("Random N(0,1) matrices", arguments: [16, 64])
    func gaussian(n: Int) {
        var g = SplitMix64(seed: UInt64(77 + n))
        #expect(Self.digits(g.gaussianMatrix(n), label: "gaussian") >= 28)
    }

    @Test("Skew-symmetric 32×32 (G − Gᵀ, G Gaussian)")
    func skew() {
        var g = SplitMix64(seed: 32)
        let x = g.gaussianMatrix(32)
        #expect(Self.digits(x - x.transposed, label: "skew") >= 28)
    }

    @Test("Nilpotent: strictly upper triangular 16×16 with N(0,1) entries")
    func nilpotent() {
        var g = SplitMix64(seed: 16)
        let x = g.gaussianMatrix(16)
        #expect(Self.digits(Matrix(order: 16) { i, j in j > i ? x[i, j] : 0 }, label: "nilpotent") >= 28)
    }

    @Test("2×2 with ‖A‖₁ ≈ 50: rotation generator and a non-normal triangular matrix",
          arguments: [[0.0, 50, -50, 0], [1, 0, 49, -1]])
    func twoByTwo(elements: [Double]) {
        #expect(Self.digits(Matrix(rows: 2, cols: 2, elements: elements), label: "2×2 \(elements)") >= 28)
    }

    @Test("1×1: e^a", arguments: [-30.0, -1, 1e-10, 0.5, 1, 20])
    func scalar(a: Double) {
        #expect(Self.digits(Matrix(order: 1) { _, _ in a }, label: "1×1 \(a)") >= 28)
    }

    @Test("0×0, the zero matrix, and non-finite input")
    func special() {
        let empty = DoubleDoubleExp.compute(Matrix(rows: 0, cols: 0))
        #expect(empty.hi.rows == 0 && empty.lo.cols == 0)
        let zero = DoubleDoubleExp.compute(Matrix(rows: 5, cols: 5))
        #expect(zero.hi == Matrix<Double>.identity(5) && zero.lo == Matrix(rows: 5, cols: 5))
        #expect(zero.scaling == 0 && zero.degree == 0)
        let one = Matrix<Double>(order: 3) { i, j in i == j ? 1 : 0.25 }
        #expect(DoubleDoubleExp.evaluate(one, extraScalings: 2).scaling == DoubleDoubleExp.evaluate(one).scaling + 2)
        let nan = DoubleDoubleExp.compute(Matrix(rows: 2, cols: 2, elements: [1, .infinity, 0, 1]))
        #expect(nan.hi.elements.allSatisfy(\.isNaN) && nan.lo.elements.allSatisfy(\.isNaN))
    }
}

/// Timings (nothing asserted): set EXPM_DD_BENCH=1 to run.
@Suite("DoubleDouble: timing of DoubleDoubleExp")
struct DoubleDoubleBenchmark {
    @Test("Wall time at n = 256, 512, 1024 (N(0,1) entries) and agreement with MPFR at n = 128",
          .enabled(if: ProcessInfo.processInfo.environment["EXPM_DD_BENCH"] != nil))
    func timing() {
        print("DoubleDouble bench: BLAS threads \(BLASThreads.current), \(BLASThreads.libraryDescription)")
        var g = SplitMix64(seed: 128)
        _ = DoubleDoubleExpTests.digits(g.gaussianMatrix(128), label: "bench gaussian")
        for n in [256, 512, 1024] {
            let a = g.gaussianMatrix(n)
            let r = DoubleDoubleExp.evaluate(a)
            let plan = OzakiProduct.Plan.choose(innerDimension: n)
            print("DoubleDouble bench n=\(n): \(r.seconds) s, ‖A‖₁=\(a.norm1), s=\(r.scaling) m=\(r.degree), "
                + "\(r.products) DD products, \(r.statistics.gemmCalls) gemm calls "
                + "(\(r.statistics.multiplyAdds / pow(Double(n), 3)) n³-equivalents), plan \(plan)")
            // Self-consistency (not a proof of accuracy): the same exp with one more squaring.
            let check = DoubleDoubleExp.evaluate(a, extraScalings: 1)
            let d = Agreement.digits(
                hi1: check.value.hi, lo1: check.value.lo, hi2: r.value.hi, lo2: r.value.lo, cap: 40)
            print("DoubleDouble bench n=\(n): agreement with s+1: \(d.normwise) digits normwise, "
                + "\(d.componentwise) componentwise (\(check.seconds) s)")
            if r.seconds > 60 { break }
        }
    }
}
