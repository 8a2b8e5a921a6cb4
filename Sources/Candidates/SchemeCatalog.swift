import Linalg

/// Every evaluation scheme the candidates use, for `harness audit` and the report's θ lines. A native
/// candidate adds its schemes here next to its line in `CandidateRegistry`, or, when it evaluates no
/// polynomial or rational scheme, its name to `schemeless` with the reason; a test fails for a registered
/// candidate in neither, so that no candidate silently goes without audit.
public enum SchemeCatalog {
    public static let all: [any AuditableScheme] = MLXProposalT8Schemes.all + Higham05Schemes.all
        + AlMohy09Schemes.all + TaylorBBC18Schemes.all + TaylorBBC18FixedSchemes.all
        + TaylorSastreSchemes.all + TaylorNaiveSchemes.all

    /// Native candidates with no scheme to audit, each with the reason.
    public static let schemeless: [String: String] = [
        "eig": "exp of the eigenvalues, no series or rational approximant",
    ]

    /// A candidate's θ thresholds in `precision` ("float32"/"float64"), in catalog order: each scheme with
    /// the largest ‖A‖₁ at which the candidate applies it. Schemes with no finite positive θ (used at every
    /// ‖A‖₁, or not used in that precision) are left out, so a candidate without norm-chosen schemes has none.
    public static func thresholds(of candidate: String, precision: Precision) -> [(scheme: any AuditableScheme, theta: Double)] {
        all.filter { $0.candidate == candidate }.compactMap { s in
            let theta = s.maxNorm(precision: precision)
            return theta.isFinite && theta > 0 ? (s, theta) : nil
        }
    }
}

/// The posted T1, T2, T4, T8 of mlx-proposal-t8.
struct MLXProposalT8Schemes: AuditableScheme {
    let degree: Int
    var label: String { "T\(degree)" }
    var candidate: String { "mlx-proposal-t8" }
    var target: SchemeTarget { .taylor(degree: degree) }

    static let all: [any AuditableScheme] = [1, 2, 4, 8].map { MLXProposalT8Schemes(degree: $0) }

    private func thresholds(_ precision: Precision) -> [Double] {
        let t = precision == .float32 ? MLXProposalT8Thresholds.float32 : MLXProposalT8Thresholds.float64
        return [t.theta1, t.theta2, t.theta4, t.theta8]
    }

    private var index: Int { [1, 2, 4, 8].firstIndex(of: degree)! }

    func usage(precision: Precision) -> String {
        let names = ["θ1", "θ2", "θ4", "θ8"]
        let lower = index == 0 ? "‖A‖₁" : "\(names[index - 1]) < ‖A‖₁"
        let base = "\(lower) ≤ \(names[index])"
        return degree == 8 ? base + ", and on A/2^s for every ‖A‖₁ > θ8" : base
    }

    func maxNorm(precision: Precision) -> Double { thresholds(precision)[index] }

    func evaluate<M: SchemeAlgebra>(_ a: M) -> SchemeValue<M> {
        switch degree {
        case 1: return .polynomial(MLXProposalT8Scheme.t1(a))
        case 2: return .polynomial(MLXProposalT8Scheme.t2(a))
        case 4: return .polynomial(MLXProposalT8Scheme.t4(a))
        default: return .polynomial(MLXProposalT8Scheme.t8(a))
        }
    }
}

/// The Padé approximants r_3 … r_13 of pade13-higham05.
struct Higham05Schemes: AuditableScheme {
    let degree: Int
    var label: String { "P\(degree)" }
    var candidate: String { "pade13-higham05" }
    var target: SchemeTarget { .pade(degree: degree) }

    static let all: [any AuditableScheme] = [3, 5, 7, 9, 13].map { Higham05Schemes(degree: $0) }

    private func schedule(_ precision: Precision) -> Higham05Schedule {
        precision == .float32 ? .float32 : .float64
    }

    func usage(precision: Precision) -> String {
        let plan = schedule(precision)
        if plan.scaledDegree == degree { return "on A/2^s for ‖A‖₁ > θ\(plan.unscaled.last!.degree) (θ\(degree) after scaling)" }
        guard let k = plan.unscaled.firstIndex(where: { $0.degree == degree }) else { return "not used in \(precision)" }
        let lower = k == 0 ? "‖A‖₁" : "θ\(plan.unscaled[k - 1].degree) < ‖A‖₁"
        return "\(lower) ≤ θ\(degree)"
    }

    func maxNorm(precision: Precision) -> Double {
        let plan = schedule(precision)
        if plan.scaledDegree == degree { return plan.scaledTheta }
        return plan.unscaled.first { $0.degree == degree }?.theta ?? 0
    }

    func evaluate<M: SchemeAlgebra>(_ a: M) -> SchemeValue<M> {
        let (u, v) = PadeApproximant.oddEven(a, degree: degree)
        return .rational(p: v + u, q: v - u)
    }
}
