import Linalg

/// Two implementations compared with each other on one case, next to each one's error against the
/// reference: the seed's question "they differ by 1e-3: which one is right?" answered on the spot.
public struct PairComparison: Codable, Sendable, Equatable {
    /// Candidate ids, "name@precision".
    public var first: String
    public var second: String
    /// max |x_ij − y_ij|: the number the original comparison reported.
    public var maxAbsDifference: Double
    /// ‖X − Y‖₁ / ‖Y‖₁.
    public var relativeDifference: Double
    /// Each one's normwise relative error against the certified reference (nil: no finite answer).
    public var firstError: Double?
    public var secondError: Double?

    /// The comparison of results `x` (of `first`) and `y` (of `second`), both finite and of one shape.
    init(first: CandidateRecord, _ x: Matrix<Double>, second: CandidateRecord, _ y: Matrix<Double>) {
        self.first = first.id
        self.second = second.id
        let d = x - y
        maxAbsDifference = d.maxAbs
        let norm = y.norm1
        relativeDifference = norm > 0 ? d.norm1 / norm : (d.norm1 == 0 ? 0 : .infinity)
        firstError = first.errors?.normwiseRelative
        secondError = second.errors?.normwiseRelative
    }

    /// The pairs to compare among `ids`: each named pair (by candidate name) in every precision both have.
    static func pairs(_ named: [(String, String)], among ids: [String]) -> [(String, String)] {
        named.flatMap { a, b in
            Precision.allCases.compactMap { p -> (String, String)? in
                let (x, y) = ("\(a)@\(p)", "\(b)@\(p)")
                return ids.contains(x) && ids.contains(y) ? (x, y) : nil
            }
        }
    }
}
