/// Every candidate the harness knows, in report order. Adding one: one file plus one line here.
public enum CandidateRegistry {
    public static let all: [any ExpmCandidate] = [
    ]

    /// The distinct names (each exists in float32 and float64).
    public static var names: [String] {
        var seen = [String]()
        for c in all where !seen.contains(c.name) { seen.append(c.name) }
        return seen
    }
}
