import Foundation
import Testing
import TestSupport
import Linalg
@testable import Candidates

/// mlx-proposal-t8 is pinned to the formulas as posted (ml-explore/mlx issue #1779), not to accuracy:
/// its accuracy is for the harness to report.
@Suite("mlx-proposal-t8")
struct MLXProposalT8Tests {
    typealias C = MLXProposalT8Coefficients

    // MARK: (a) coefficients

    @Test("T8 scalars are the posted Python expressions evaluated in Double, bitwise")
    func coefficientsAsPosted() {
        // The posted lines, re-typed here in the posted order.
        let sqrt_177 = 0.1330413469565007072504e+2
        let x3 = 2.0 / 3.0
        #expect(C.sqrt177 == sqrt_177)
        #expect(C.x3 == x3)
        #expect(C.x1 == x3 * ((1 + sqrt_177) / 88))
        #expect(C.x2 == x3 * ((1 + sqrt_177) / 352))
        #expect(C.x4 == (-271 + 29 * sqrt_177) / (315 * x3))
        #expect(C.x5 == (-11 + 11 * sqrt_177) / (1260 * x3))
        #expect(C.x6 == (-99 + 11 * sqrt_177) / (5040 * x3))
        #expect(C.x7 == (89 - sqrt_177) / (5040 * x3))
        #expect(C.y2 == (857 - 58 * sqrt_177) / 630)
        // The same doubles as CPython 3 gives for the posted code (its shortest round-trip repr).
        #expect(C.x1 == 0.1083646567852278)
        #expect(C.x2 == 0.02709116419630695)
        #expect(C.x4 == 0.546761457970724)
        #expect(C.x5 == 0.16112557339541758)
        #expect(C.x6 == 0.014090917158378204)
        #expect(C.x7 == 0.022528531340580336)
        #expect(C.y2 == 0.13549236135285073)
        // The known departure is kept: the paper's x7 has 5040·x3² in the denominator.
        #expect(C.x7 != (89 - sqrt_177) / (5040 * x3 * x3))
    }

    @Test("posted thresholds, full digits")
    func thresholds() {
        #expect(MLXProposalT8Thresholds.float32 == MLXProposalT8Thresholds(
            theta1: 1.192092800768788e-07, theta2: 5.978858893805233e-04,
            theta4: 5.116619363445086e-02, theta8: 5.800524627688768e-01))
        #expect(MLXProposalT8Thresholds.float64 == MLXProposalT8Thresholds(
            theta1: 2.220446049250313e-16, theta2: 2.580956802971767e-08,
            theta4: 3.397168839976962e-04, theta8: 4.991228871115323e-02))
        #expect(MLXProposalT8<Float>.thresholds.theta8 == Float(5.800524627688768e-01))
        #expect(MLXProposalT8<Double>.thresholds.theta8 == 4.991228871115323e-02)
    }

    // MARK: (b) branch choice

    @Test("branch just below/at and just above each θ, and s when scaling", arguments: WorkingPrecision.allCases)
    func branches(_ p: WorkingPrecision) throws {
        try checkBranches(p.type)
    }

    func checkBranches<T: BLASScalar>(_: T.Type) throws {
        let th = MLXProposalT8<T>.thresholds
        let candidate = MLXProposalT8<T>()
        func run(_ norm: T) throws -> ExpmResult<T> { try candidate.exp(diagonal([norm, -norm / 4])) }
        func label(_ m: Int, _ s: Int = 0) -> ExpmChoice { ExpmChoice(approximant: "T\(m)", degree: m, scaling: s) }
        let bands: [(T, Int, Int, (Matrix<T>) -> Matrix<T>)] = [
            (th.theta1, 1, 2, MLXProposalT8<T>.t1), (th.theta2, 2, 4, MLXProposalT8<T>.t2),
            (th.theta4, 4, 8, MLXProposalT8<T>.t4),
        ]
        for (theta, m, next, poly) in bands {
            let at = try run(theta)
            #expect(at.choice == label(m))
            #expect(at.value == poly(diagonal([theta, -theta / 4])), "exp must be the posted T\(m) itself")
            #expect(try run(theta.nextUp).choice == label(next))
        }
        let at8 = try run(th.theta8)
        #expect(at8.choice == label(8))
        #expect(at8.value == MLXProposalT8<T>.t8(diagonal([th.theta8, -th.theta8 / 4])))
        for k in 0...4 {
            let norm = th.theta8 * T(1 << k)  // exactly θ8·2^k: s = k, one more just above
            #expect(try run(norm).choice == label(8, k))
            #expect(try run(norm.nextUp).choice == label(8, k + 1))
        }
        // A scaled case is T8(2^-s·A) squared s times, with 2^-s·A exact.
        let a = diagonal([T(3), T(-1)])
        let scaled = try candidate.exp(a)
        let s = scaled.choice.scaling!
        var x = MLXProposalT8<T>.t8(T(sign: .plus, exponent: T.Exponent(-s), significand: 1) * a)
        for _ in 0..<s { x = x * x }
        #expect(s == Int((log2(3 / Double(th.theta8))).rounded(.up)))
        #expect(scaled.value == x)
    }

    // MARK: (c) T1, T2, T4

    /// A fixed 3×3 test matrix with ‖A‖₁ = 0.5, where every term of T4 and T8 is well above rounding.
    static func sample<T: BLASScalar>(_: T.Type) -> Matrix<T> {
        matrix([[0.1, -0.2, 0.05], [0.15, 0.05, -0.25], [-0.125, 0.25, 0.2]])
    }

    @Test("T1, T2, T4 equal I + A, I + A + A²/2, I + A + A²(I/2 + A/6 + A²/24) to rounding", arguments: WorkingPrecision.allCases)
    func lowDegrees(_ p: WorkingPrecision) {
        checkLowDegrees(p.type)
    }

    func checkLowDegrees<T: BLASScalar>(_: T.Type) {
        let a = Self.sample(T.self)
        let d = a.converted(to: Double.self)  // exact
        let d2 = naiveProduct(d, d)
        let t1 = combination([(1, d)], identity: 1)
        let t2 = combination([(1, d), (0.5, d2)], identity: 1)
        let inner = combination([(1.0 / 6, d), (1.0 / 24, d2)], identity: 0.5)
        let t4 = combination([(1, d), (1, naiveProduct(d2, inner))], identity: 1)
        // Entries are O(1); each formula takes ≤ 2 products of 3×3 (γ_3 each) and ≤ 5 roundings of
        // sums and divisions per entry: 16·u bounds that with room.
        let tol = 16 * unitRoundoff(T.self)
        #expect(maxAbsDifference(MLXProposalT8<T>.t1(a), t1) <= tol)
        #expect(maxAbsDifference(MLXProposalT8<T>.t2(a), t2) <= tol)
        #expect(maxAbsDifference(MLXProposalT8<T>.t4(a), t4) <= tol)
    }

    // MARK: (d) T8

    /// The posted composition, computed independently in Double with the posted (Double) scalars.
    static func postedT8(_ d: Matrix<Double>) -> Matrix<Double> {
        let a2 = naiveProduct(d, d)
        let a4 = naiveProduct(a2, combination([(C.x1, d), (C.x2, a2)]))
        let left = combination([(C.x3, a2), (1, a4)])
        let right = combination([(C.x5, d), (C.x6, a2), (C.x7, a4)], identity: C.x4)
        return combination([(1, d), (C.y2, a2), (1, naiveProduct(left, right))], identity: 1)
    }

    @Test("T8 equals the posted composition computed independently in Double", arguments: WorkingPrecision.allCases)
    func degreeEight(_ p: WorkingPrecision) throws {
        try checkDegreeEight(p.type)
    }

    func checkDegreeEight<T: BLASScalar>(_: T.Type) throws {
        let a = Self.sample(T.self)
        let expected = Self.postedT8(a.converted(to: Double.self))
        // Entries O(1), 3 products of 3×3 and ≤ 6 roundings per entry, plus (Float only) the rounding
        // of each posted scalar to T: 16·u bounds that with room.
        let tol = 16 * unitRoundoff(T.self)
        #expect(maxAbsDifference(MLXProposalT8<T>.t8(a), expected) <= tol)
        // In the T8 band (‖A‖₁ = 0.5 ≤ θ8 for Float), or scaled so it lies there, exp is this T8.
        let r = try MLXProposalT8<T>().exp(a)
        let scaledInput = T(sign: .plus, exponent: T.Exponent(-r.choice.scaling!), significand: 1) * a
        var x = MLXProposalT8<T>.t8(scaledInput)
        for _ in 0..<r.choice.scaling! { x = x * x }
        #expect(r.choice.degree == 8 && r.value == x)
    }

    // MARK: (e) trivial sizes

    @Test("0×0 returns itself; 1×1 returns the scalar exp", arguments: WorkingPrecision.allCases)
    func trivialSizes(_ p: WorkingPrecision) throws {
        try checkTrivial(p.type)
    }

    func checkTrivial<T: BLASScalar>(_: T.Type) throws {
        let empty = try MLXProposalT8<T>().exp(Matrix<T>(rows: 0, cols: 0))
        #expect(empty.value.rows == 0 && empty.choice == ExpmChoice(approximant: "empty", degree: nil, scaling: 0))
        for x in [T(-3.5), T(0), T(0.25), T(20)] {
            let one = try MLXProposalT8<T>().exp(Matrix(rows: 1, cols: 1, elements: [x]))
            #expect(one.value.elements == [ScalarExponential.exp(x)])
            #expect(one.choice == ExpmChoice(approximant: "1x1", degree: nil, scaling: 0))
        }
    }

    // MARK: Informative: what the posted T8 is as a polynomial

    /// T8(x) expanded as a polynomial in a scalar x (Double coefficients c_0 … c_8), from the posted
    /// composition: A4 = x1·x³ + x2·x⁴, A8 = (x3·x² + A4)(x4 + x5·x + x6·x² + x7·A4), T8 = 1 + x + y2·x² + A8.
    static func expandedT8() -> [Double] {
        func mul(_ p: [Double], _ q: [Double]) -> [Double] {
            var r = [Double](repeating: 0, count: p.count + q.count - 1)
            for (i, a) in p.enumerated() { for (j, b) in q.enumerated() { r[i + j] += a * b } }
            return r
        }
        func add(_ p: [Double], _ q: [Double]) -> [Double] {
            (0..<max(p.count, q.count)).map { (($0 < p.count) ? p[$0] : 0) + (($0 < q.count) ? q[$0] : 0) }
        }
        let a4 = [0, 0, 0, C.x1, C.x2]
        let left = add([0, 0, C.x3], a4)
        let right = add([C.x4, C.x5, C.x6], a4.map { C.x7 * $0 })
        return add([1, 1, C.y2], mul(left, right))
    }

    /// Finding, recorded and not fixed: the posted T8 matches the Taylor series of exp only through
    /// degree 4. Measured c_5 = 0.007519567811134253 against 1/120 = 0.008333…, i.e. c_5·5! − 1 =
    /// −0.0977 (−9.8 %); c_6·6! − 1 = −0.242, c_7·7! − 1 = c_8·8! − 1 = −1/3 (c_8 = 1/60480, not
    /// 1/40320). With the paper's x7 = (89 − √177)/(5040·x3²) the expansion matches 1/k! through k = 8.
    @Test("informative: posted T8 departs from exp's Taylor series at degree 5")
    func degreeFiveDeparture() {
        let c = Self.expandedT8()
        let factorials: [Double] = [1, 1, 2, 6, 24, 120, 720, 5040, 40320]
        for k in 0...4 { #expect(abs(c[k] * factorials[k] - 1) <= 4 * Double.ulpOfOne, "c_\(k)") }
        let departure5 = c[5] * 120 - 1
        #expect(abs(departure5 + 0.0977) < 1e-3, "measured c_5·5! − 1 = \(departure5)")
        #expect(abs(c[8] * 60480 - 1) < 1e-14, "c_8 = 1/60480")
    }

    /// On a rotation generator θJ (J² = −I) any polynomial gives T8(θJ) = Re T8(iθ)·I + Im T8(iθ)·J, so the
    /// matrix result must equal the expanded scalar polynomial at iθ — again pinned to the formulas.
    /// Measured distance from the true rotation [[cos, −sin], [sin, cos]] (max entry; a finding for the
    /// harness, not asserted): float32 θ = 0.5 (T8, s = 0): 2.49e-5; θ = 0.58: 5.2e-5; θ = 2 (s = 2): 1.0e-4;
    /// float64 θ = 0.04 (T8, s = 0): 8.33e-11; θ = 1.5 (s = 5): 5.9e-9. For comparison pade13-higham05
    /// stays within about 1.2·u·max(1, θ) on the same rotations.
    @Test("rotations: result equals the expanded posted polynomial at iθ", arguments: WorkingPrecision.allCases)
    func rotationsFollowThePolynomial(_ p: WorkingPrecision) throws {
        try checkRotations(p.type)
    }

    func checkRotations<T: BLASScalar>(_: T.Type) throws {
        let c = Self.expandedT8()
        let theta8 = Double(MLXProposalT8<T>.thresholds.theta8)
        for theta in [0.5 * theta8, theta8] {
            let t = T(theta)
            let r = try MLXProposalT8<T>().exp(rotationGenerator(t))
            #expect(r.choice == ExpmChoice(approximant: "T8", degree: 8, scaling: 0))
            var re = 0.0, im = 0.0, power = 1.0
            for (k, ck) in c.enumerated() {  // Σ c_k (iθ)^k, i^k cycling 1, i, −1, −i
                switch k % 4 {
                case 0: re += ck * power
                case 1: im += ck * power
                case 2: re -= ck * power
                default: im -= ck * power
                }
                power *= Double(t)
            }
            let expected = Matrix<Double>(rows: 2, cols: 2, elements: [re, im, -im, re])
            #expect(maxAbsDifference(r.value, expected) <= 16 * unitRoundoff(T.self))
        }
    }
}
