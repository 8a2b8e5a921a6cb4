import Foundation
import Testing
import TestSupport
import Linalg
@testable import Candidates

/// Points inside every degree band of pade13-higham05: ‖A‖₁ and the (m, s) Algorithm 2.3 must choose.
enum PadeBandCase {
    /// Inside every band of each precision, including the scaling regime.
    /// float64 θ: 0.01496, 0.2539, 0.9504, 2.098, 5.372; float32 θ: 0.4259, 1.880, 3.926.
    static let all: [BandCase] = [
        .init(precision: .float64, norm: 0.0125, degree: 3, scaling: 0),
        .init(precision: .float64, norm: 0.2, degree: 5, scaling: 0),
        .init(precision: .float64, norm: 0.875, degree: 7, scaling: 0),
        .init(precision: .float64, norm: 2.0, degree: 9, scaling: 0),
        .init(precision: .float64, norm: 5.0, degree: 13, scaling: 0),
        .init(precision: .float64, norm: 16.0, degree: 13, scaling: 2),
        .init(precision: .float64, norm: 100.0, degree: 13, scaling: 5),
        .init(precision: .float32, norm: 0.375, degree: 3, scaling: 0),
        .init(precision: .float32, norm: 1.5, degree: 5, scaling: 0),
        .init(precision: .float32, norm: 3.5, degree: 7, scaling: 0),
        .init(precision: .float32, norm: 12.0, degree: 7, scaling: 2),
        .init(precision: .float32, norm: 100.0, degree: 7, scaling: 5),
    ]
}

@Suite("pade13-higham05")
struct Pade13Higham05Tests {
    /// Error constant for a well-conditioned small matrix, in units of u·max(1, ‖A‖₁):
    /// truncation ≤ 1 (θ_m makes the backward error ≤ u, and ‖exp(A)‖ is of order 1 here); each of the
    /// ≤ 6 products of n×n matrices (n ≤ 4) ≤ γ_4 ≈ 4 relative to the entries' scale, 24 in all; the LU
    /// solve of q_m(A), well conditioned for ‖A‖₁ ≤ θ_m (Higham 2005 §2), a few more: 32. Squaring s
    /// times doubles the relative error each time while ‖A‖₁ doubles too, hence the factor
    /// max(1, ‖A‖₁). Observed on the rotations: at most about 1.2.
    static let c = 32.0

    /// Scalars through the matrix path (2×2 diagonal), skipping ‖A‖₁ = 100 where e^100 overflows Float.
    @Test("r_m on diag(x, −x/2) matches scalar exp in each band", arguments: PadeBandCase.all.filter { $0.norm < 50 })
    func scalarDiagonal(_ k: BandCase) throws {
        try checkDiagonal(k, k.precision.type)
    }

    func checkDiagonal<T: BLASScalar>(_ k: BandCase, _: T.Type) throws {
        let x = T(k.norm), y = -T(k.norm) / 2
        let r = try Pade13Higham05<T>().exp(diagonal([x, y]))
        #expect(r.choice == ExpmChoice(approximant: "P\(k.degree)", degree: k.degree, scaling: k.scaling))
        let u = unitRoundoff(T.self)
        for (i, v) in [Double(x), Double(y)].enumerated() {
            let relative = abs(Double(r.value[i, i]) / Foundation.exp(v) - 1)
            // Worst case: p_m and q_m = p_m(−·) are sums of m + 1 ≤ 14 terms, one of them alternating
            // at the scaled scalar w = v/2^s, where its condition number is p_m(|w|)/|p_m(−|w|)| =
            // r_m(|w|) ≈ e^{|w|}; with the powers and the division that is ≤ 16·u·e^{|w|}, and squaring
            // s times multiplies it by 2^s ≤ max(1, |v|). Observed: at most 40 u (float64, P13 at 5).
            let w = abs(v) / Double(1 << k.scaling)
            #expect(relative <= 16 * u * max(1, abs(v)) * Foundation.exp(w), "entry \(i): \(relative / u) u")
        }
        #expect(r.value[0, 1] == 0 && r.value[1, 0] == 0)
    }

    @Test("rotation [[0,−θ],[θ,0]] gives [[cos,−sin],[sin,cos]] in each band and when scaling", arguments: PadeBandCase.all)
    func rotations(_ k: BandCase) throws {
        try checkRotation(k, k.precision.type)
    }

    func checkRotation<T: BLASScalar>(_ k: BandCase, _: T.Type) throws {
        let theta = T(k.norm)
        let r = try Pade13Higham05<T>().exp(rotationGenerator(theta))
        #expect(r.choice == ExpmChoice(approximant: "P\(k.degree)", degree: k.degree, scaling: k.scaling))
        let err = maxAbsDifference(r.value, rotation(Double(theta)))
        let u = unitRoundoff(T.self)
        #expect(err <= Self.c * u * max(1, Double(theta)), "error \(err / u) u")
    }

    @Test("nilpotent N (strictly upper 3×3): exp(N) = I + N + N²/2", arguments: WorkingPrecision.allCases, [0.01, 0.5, 1.5, 4.0, 40.0])
    func nilpotent(_ p: WorkingPrecision, scale: Double) throws {
        try checkNilpotent(scale, p.type)
    }

    func checkNilpotent<T: BLASScalar>(_ scale: Double, _: T.Type) throws {
        let (a, b, c) = (0.75 * scale, -0.5 * scale, 1.25 * scale)
        let n: Matrix<T> = matrix([[0, a, b], [0, 0, c], [0, 0, 0]])
        let r = try Pade13Higham05<T>().exp(n)
        let (ta, tb, tc) = (Double(n[0, 1]), Double(n[0, 2]), Double(n[1, 2]))
        let expected: Matrix<Double> = matrix([[1, ta, tb + ta * tc / 2], [0, 1, tc], [0, 0, 1]])
        let size = 1 + Double(n.norm1) + Double(n.norm1) * Double(n.norm1) / 2  // bound on ‖exp(N)‖₁'s entries
        let err = maxAbsDifference(r.value, expected)
        #expect(err <= Self.c * unitRoundoff(T.self) * size, "\(r.choice): error \(err)")
    }

    /// A fixed, non-normal 4×4 test matrix, scaled to ‖A‖₁ = `norm`.
    static func sample<T: BLASScalar>(norm: Double, _: T.Type) -> Matrix<T> {
        let rows: [[Double]] = [
            [0.3, -1.2, 0.5, 0.1], [0.7, 0.2, -0.4, 0.9], [-0.6, 0.8, -0.1, 0.3], [0.2, -0.3, 1.1, -0.5],
        ]
        let base: Matrix<Double> = matrix(rows)
        return (norm / base.norm1 * base).converted(to: T.self)
    }

    @Test("exp(Aᵀ) = exp(A)ᵀ to rounding", arguments: WorkingPrecision.allCases, [0.1, 1.0, 3.0, 30.0])
    func transpose(_ p: WorkingPrecision, norm: Double) throws {
        try checkTranspose(norm, p.type)
    }

    func checkTranspose<T: BLASScalar>(_ norm: Double, _: T.Type) throws {
        let a = Self.sample(norm: norm, T.self)
        let e = try Pade13Higham05<T>().exp(a).value
        let et = try Pade13Higham05<T>().exp(a.transposed).value
        let diff = maxAbsDifference(et, e.transposed.converted(to: Double.self))
        // Both are computed to c·u·max(1, ‖A‖₁) relative to ‖exp(A)‖, so they agree to twice that.
        #expect(diff <= 2 * Self.c * unitRoundoff(T.self) * max(1, norm) * Double(e.norm1))
    }

    @Test("exp(A)·exp(−A) ≈ I for a well-conditioned A", arguments: WorkingPrecision.allCases, [0.1, 1.0, 3.0])
    func inverse(_ p: WorkingPrecision, norm: Double) throws {
        try checkInverse(norm, p.type)
    }

    func checkInverse<T: BLASScalar>(_ norm: Double, _: T.Type) throws {
        let a = Self.sample(norm: norm, T.self)
        let e = try Pade13Higham05<T>().exp(a).value
        let f = try Pade13Higham05<T>().exp(-a).value
        let product = naiveProduct(e.converted(to: Double.self), f.converted(to: Double.self))
        let err = maxAbsDifference(product, Matrix<Double>.identity(4))
        // Each factor carries c·u·max(1, ‖A‖₁) relative error, amplified by ‖e^A‖·‖e^−A‖ ≤ e^{2‖A‖₁}.
        let bound = 2 * Self.c * unitRoundoff(T.self) * max(1, norm) * Double(e.norm1) * Double(f.norm1)
        #expect(err <= bound, "error \(err), bound \(bound)")
    }

    @Test("choice just below and above every θ, per precision", arguments: WorkingPrecision.allCases)
    func bands(_ p: WorkingPrecision) throws {
        try checkBands(p.type)
    }

    func checkBands<T: BLASScalar>(_: T.Type) throws {
        let plan = Pade13Higham05<T>.schedule
        let candidate = Pade13Higham05<T>()
        func choice(_ norm: T) throws -> ExpmChoice { try candidate.exp(diagonal([norm, norm / 4])).choice }
        let degrees = plan.unscaled.map(\.degree) + [plan.scaledDegree]
        for (i, step) in plan.unscaled.enumerated() {
            let theta = T(step.theta)
            #expect(try choice(theta) == ExpmChoice(approximant: "P\(step.degree)", degree: step.degree, scaling: 0))
            let next = degrees[i + 1]
            #expect(try choice(theta.nextUp) == ExpmChoice(approximant: "P\(next)", degree: next, scaling: 0))
        }
        let top = T(plan.scaledTheta), m = plan.scaledDegree
        for k in 0...3 {
            let atPower = top * T(1 << k)  // exactly θ·2^k: s = k
            #expect(try choice(atPower) == ExpmChoice(approximant: "P\(m)", degree: m, scaling: k))
            #expect(try choice(atPower.nextUp) == ExpmChoice(approximant: "P\(m)", degree: m, scaling: k + 1))
        }
    }

    @Test("schedules: float64 is Algorithm 2.3 with Table 2.3; float32 uses m = 3, 5 and 7")
    func schedules() {
        #expect(Pade13Higham05<Double>.schedule.unscaled.map(\.degree) == [3, 5, 7, 9])
        #expect(Pade13Higham05<Double>.schedule.scaledDegree == 13)
        #expect(Pade13Higham05<Double>.schedule.scaledTheta == 5.371920351148152)
        #expect(Pade13Higham05<Float>.schedule.unscaled.map(\.degree) == [3, 5])
        #expect(Pade13Higham05<Float>.schedule.scaledDegree == 7)
        #expect(Pade13Higham05<Float>.schedule.scaledTheta == 3.925724783138660)
    }

    @Test("0×0 returns itself; 1×1 returns the scalar exp", arguments: WorkingPrecision.allCases)
    func trivialSizes(_ p: WorkingPrecision) throws {
        try checkTrivial(p.type)
    }

    func checkTrivial<T: BLASScalar>(_: T.Type) throws {
        let empty = try Pade13Higham05<T>().exp(Matrix<T>(rows: 0, cols: 0))
        #expect(empty.value.rows == 0 && empty.choice == ExpmChoice(approximant: "empty", degree: nil, scaling: 0))
        for x in [T(-3.5), T(0), T(0.25), T(20)] {
            let one = try Pade13Higham05<T>().exp(Matrix(rows: 1, cols: 1, elements: [x]))
            #expect(one.value.elements == [ScalarExponential.exp(x)])
            #expect(one.choice == ExpmChoice(approximant: "1x1", degree: nil, scaling: 0))
        }
    }
}
