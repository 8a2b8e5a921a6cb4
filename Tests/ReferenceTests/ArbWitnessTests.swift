import Foundation
import Linalg
import Reference
import Testing

/// Arb's enclosure of exp(A) (`ArbWitness`): it must contain the closed forms, be tight, and
/// prove the MPFR reference right to many digits.
///
/// Tolerances:
///   * Tightness 2^-200 normwise is the precision rule's own goal at 256 bits (bits − guardBits);
///     `meetsTarget` must hold on every example here, none of which is ill-conditioned.
///   * Closed forms are evaluated at 512 bits (`closedFormBits`), so their rounding (≈ 2^-510
///     relative) is far inside balls of relative width ≈ 2^-240, and containment is meaningful.
///   * Against `TaylorReference.exponential(_, bits: 256)`: that reference is accurate to about
///     2^-231 normwise on these examples (see `tolerance256`), Arb's balls to 2^-200, so a proof
///     of ≥ 40 digits (2^-133) leaves a margin of 20 digits for conditioning.
///   * hi + lo references hold only ≈ 2^-106 relative per entry (`hiLoTolerance`), 31.9 digits,
///     so for them the witness can prove ≥ 31 digits normwise, not more.
@Suite("ArbWitness: rigorous enclosure of exp")
struct ArbWitnessTests {
    /// Runs the witness and checks containment of `exact` and the tightness goal.
    func checkEncloses(_ a: Matrix<Double>, exact: MPMatrix) {
        guard let w = ArbWitness.exp(a) else {
            Issue.record("no result for a finite matrix")
            return
        }
        #expect(w.order == a.rows)
        #expect(w.contains(exact))
        #expect(w.meetsTarget)
        #expect(w.relativeRadius <= 0x1p-200)
        #expect(w.workingBits == ArbWitness.defaultBits)
        // The public Doubles carry the same statement: |exact − (hi + lo)| ≤ radius entrywise.
        let mid = MPMatrix.fromHiLo(w.hi, w.lo, precision: closedFormBits)
        for j in 0..<a.rows {
            for i in 0..<a.rows {
                let gap = (exact[i, j] - mid[i, j]).magnitude
                #expect(!(MPFloat(w.radius[i, j], precision: closedFormBits) < gap), "entry (\(i), \(j))")
            }
        }
        // The closed form itself is proved to ≥ 60 digits normwise (2^-200 ≈ 10^-60.2).
        #expect(w.digits(exact, cap: 100).normwise >= 60)
    }

    @Test("0×0: an empty, exact result")
    func empty() throws {
        let w = try #require(ArbWitness.exp(Matrix(rows: 0, cols: 0)))
        #expect(w.order == 0 && w.hi.rows == 0 && w.radius.cols == 0)
        #expect(w.meetsTarget && w.relativeRadius == 0)
    }

    @Test("1×1: e^a", arguments: [-30.0, -1, -1e-10, 0, 0.5, 1, 20, 700])
    func scalar(a: Double) {
        checkEncloses(Matrix(order: 1) { _, _ in a }, exact: mpMatrix(order: 1, precision: closedFormBits) { _, _ in
            mp(a).exp()
        })
    }

    @Test("Diagonal", arguments: [[-30.0, -1, 0, 0.5, 20], [1e-3, -2e-3, 7], [-0.25, -0.25, 3.5, 3.5]])
    func diagonal(d: [Double]) {
        let a = Matrix(order: d.count) { i, j in i == j ? d[i] : 0 }
        checkEncloses(a, exact: mpMatrix(order: d.count, precision: closedFormBits) { i, j in
            i == j ? mp(d[i]).exp() : mp(0)
        })
    }

    @Test("Rotation generator [[0, −θ], [θ, 0]]", arguments: [0.1, 1, 3, 10, 100])
    func rotation(theta: Double) {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [0, theta, -theta, 0])
        let c = mp(theta).cos(), s = mp(theta).sin()
        checkEncloses(a, exact: mpMatrix(order: 2, precision: closedFormBits) { i, j in
            i == j ? c : (i == 1 ? s : -s)
        })
    }

    @Test("Nilpotent: exp = Σ_{k<n} N^k/k!", arguments: [2, 5, 8])
    func nilpotent(n: Int) {
        let a = Matrix<Double>(order: n) { i, j in j > i ? Double((i + 2 * j) % 4) : 0 }
        let nMP = MPMatrix(a, precision: closedFormBits)
        var power = MPMatrix.identity(order: n, precision: closedFormBits)
        let sum = MPMatrix.identity(order: n, precision: closedFormBits)
        for k in 1..<n {
            power = naiveProduct(power, nMP, precision: closedFormBits)
            sum.add(power, times: MPFloat.reciprocalFactorial(k, precision: closedFormBits))
        }
        checkEncloses(a, exact: sum)
    }

    @Test("Non-normal 2×2 [[a, b], [0, c]]",
          arguments: [(1.0, 2.0, -1.0), (-1, 100, -1.5), (2, -3, -5), (0.5, 1000, 0.5 + 0x1p-20)])
    func nonNormal(a: Double, b: Double, c: Double) {
        let m = Matrix<Double>(rows: 2, cols: 2, elements: [a, 0, b, c])
        let ea = mp(a).exp(), ec = mp(c).exp()
        let off = mp(b) * (ea - ec) / (mp(a) - mp(c))
        checkEncloses(m, exact: mpMatrix(order: 2, precision: closedFormBits) { i, j in
            i == 0 ? (j == 0 ? ea : off) : (j == 0 ? mp(0) : ec)
        })
    }

    /// Proves the MPFR reference and the hi + lo reference of `TaylorReference` right.
    func checkAgainstTaylor(_ a: Matrix<Double>) throws {
        let w = try #require(ArbWitness.exp(a))
        #expect(w.meetsTarget)
        let value = TaylorReference.exponential(a, bits: 256)
        let proven = w.digits(value, cap: 100)
        #expect(proven.normwise >= 40)
        let r = TaylorReference.compute(a)
        let provenHiLo = w.digits(hi: r.hi, lo: r.lo, cap: 100)
        #expect(provenHiLo.normwise >= 31)
        // The witness cannot prove more than what it agrees with: the certificate's own digits
        // (two MPFR runs) and the witness's should both be far above the default target.
        #expect(r.certificate.isCertified())
    }

    @Test("Agrees with TaylorReference on dense N(0,1) matrices", arguments: [(16, 1), (16, 2), (64, 3)])
    func randomDense(n: Int, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        try checkAgainstTaylor(rng.gaussianMatrix(n))
    }

    @Test("Agrees with TaylorReference on a non-normal matrix (hump)")
    func nonNormalDense() throws {
        // −I + 30·(strict upper part of a seeded N(0,1) matrix): ‖exp(tA)‖ rises far above 1
        // before decaying, so the squarings cancel heavily.
        var rng = SplitMix64(seed: 7)
        let g = rng.gaussianMatrix(12)
        let a = Matrix<Double>(order: 12) { i, j in i == j ? -1 : (j > i ? 30 * g[i, j] : 0) }
        try checkAgainstTaylor(a)
    }

    @Test("A one-ulp error in the reference is caught: ≤ 16.5 digits in the worst entry")
    func perturbed() throws {
        // Changing one hi by an ulp is a relative error ≥ 2^-53 ≈ 1.1e-16 in that entry
        // (≤ 15.96 digits), far above the balls' width, so the proof must drop to that level.
        var rng = SplitMix64(seed: 1)
        let a = rng.gaussianMatrix(16)
        let w = try #require(ArbWitness.exp(a))
        let r = TaylorReference.compute(a)
        var bad = r.hi
        bad[3, 5] = bad[3, 5].nextUp
        #expect(w.digits(hi: r.hi, lo: r.lo, cap: 100).componentwise >= 31)
        #expect(w.digits(hi: bad, lo: r.lo, cap: 100).componentwise <= 16.5)
        var nan = r.lo
        nan[0, 0] = .nan
        #expect(w.digits(hi: r.hi, lo: nan, cap: 100) == AgreementDigits(normwise: 0, componentwise: 0))
    }

    @Test("Precision rule: a rotation by 1e20 radians needs more than 256 bits; the cap is honoured")
    func precisionDoubling() throws {
        // exp of [[0, −θ], [θ, 0]] with θ = 1e20 involves cancellation of 2^66-sized terms,
        // which 256 working bits cannot resolve to 2^-200; MPFR evaluates cos/sin of 1e20
        // correctly rounded at 512 bits, so the closed form stays valid.
        let theta = 1e20
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [0, theta, -theta, 0])
        let w = try #require(ArbWitness.exp(a))
        #expect(w.workingBits > ArbWitness.defaultBits && w.meetsTarget)
        let c = mp(theta).cos(), s = mp(theta).sin()
        #expect(w.contains(mpMatrix(order: 2, precision: closedFormBits) { i, j in
            i == j ? c : (i == 1 ? s : -s)
        }))
        // With the cap at the starting precision there is no retry, and the goal is not claimed.
        if let capped = ArbWitness.exp(a, bits: 256, maxBits: 256) {
            #expect(capped.workingBits == 256 && !capped.meetsTarget)
        }
    }

    @Test("Non-finite input gives no result", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(x: Double) {
        var a = Matrix<Double>.identity(3)
        a[1, 2] = x
        #expect(ArbWitness.exp(a) == nil)
    }

    @Test("exp beyond Double's range: still an enclosure; hi = +Inf, radius = +Inf")
    func overflow() throws {
        let w = try #require(ArbWitness.exp(Matrix(order: 1) { _, _ in 1000 }))
        #expect(w.hi[0, 0] == .infinity && w.radius[0, 0] == .infinity)
        #expect(w.contains(mpMatrix(order: 1, precision: closedFormBits) { _, _ in mp(1000).exp() }))
    }

    @Test("Concurrent calls give the same enclosures as serial ones")
    func concurrent() async throws {
        var rng = SplitMix64(seed: 11)
        let inputs = (0..<4).map { _ in rng.gaussianMatrix(8) }
        let serial = inputs.map { ArbWitness.exp($0)!.hi }
        let parallel = await withTaskGroup(of: (Int, Matrix<Double>).self) { group in
            for (k, a) in inputs.enumerated() { group.addTask { (k, ArbWitness.exp(a)!.hi) } }
            var out = [Matrix<Double>?](repeating: nil, count: inputs.count)
            for await (k, hi) in group { out[k] = hi }
            return out
        }
        #expect(parallel.map { $0! } == serial)
    }

    /// Timing only (nothing asserted): set ARB_TIMING=1 to run it.
    @Test("Timing at n = 16, 64, 256 (dense N(0,1))",
          .enabled(if: ProcessInfo.processInfo.environment["ARB_TIMING"] != nil))
    func timing() throws {
        var rng = SplitMix64(seed: 2024)
        for n in [16, 64, 256] {
            let a = rng.gaussianMatrix(n)
            let w = try #require(ArbWitness.exp(a))
            let r = TaylorReference.compute(a)
            print("arb-timing n=\(n) seconds=\(w.seconds) bits=\(w.workingBits) "
                + "relativeRadius=\(w.relativeRadius) meetsTarget=\(w.meetsTarget) "
                + "taylorSeconds=\(r.certificate.seconds) proven=\(w.digits(hi: r.hi, lo: r.lo, cap: 100))")
        }
    }
}
