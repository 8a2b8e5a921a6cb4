/// Every candidate the harness knows, in report order. Adding one: one file plus one line here.
public enum CandidateRegistry {
    /// The object under verification first, then the published algorithms, then the controls
    /// (`eig`, `taylor-naive`), which are expected to fail where theory says.
    public static let all: [any ExpmCandidate] = [
        MLXProposalT8<Float>(),
        MLXProposalT8<Double>(),
        Pade13Higham05<Float>(),
        Pade13Higham05<Double>(),
        Pade13AlMohy09<Float>(),
        Pade13AlMohy09<Double>(),
        TaylorBBC18<Float>(),
        TaylorBBC18<Double>(),
        TaylorBBC18Fixed<Float>(),
        TaylorBBC18Fixed<Double>(),
        TaylorSastre<Float>(),
        TaylorSastre<Double>(),
        EigExpm<Float>(),
        EigExpm<Double>(),
        TaylorNaive<Float>(),
        TaylorNaive<Double>(),
    ]

    /// The distinct names (each exists in float32 and float64).
    public static var names: [String] {
        var seen = [String]()
        for c in all where !seen.contains(c.name) { seen.append(c.name) }
        return seen
    }
}
