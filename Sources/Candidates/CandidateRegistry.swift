/// Every candidate the harness knows, in report order. Adding one: one file plus one line here.
public enum CandidateRegistry {
    public static let all: [any ExpmCandidate] = [
        MLXProposalT8<Float>(),
        MLXProposalT8<Double>(),
        Pade13Higham05<Float>(),
        Pade13Higham05<Double>(),
        TaylorSastre<Float>(),
        TaylorSastre<Double>(),
    ]

    /// The distinct names (each exists in float32 and float64).
    public static var names: [String] {
        var seen = [String]()
        for c in all where !seen.contains(c.name) { seen.append(c.name) }
        return seen
    }
}
