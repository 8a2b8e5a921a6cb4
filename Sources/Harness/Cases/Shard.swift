/// One part of a suite, for one of several machines (a CI job matrix, a Slurm array): `index` of
/// `count`, written "k/N" with 1 ≤ k ≤ N.
///
/// The cases are dealt round-robin after sorting by decreasing order n (ties keep the suite's order),
/// so that every shard gets a like share of the large, expensive references; the deal depends only on
/// the suite's case list, so every machine computes the same parts, and together the N parts hold
/// every case exactly once.
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Largest N accepted: more shards than that are more jobs than any suite has cases.
    public static let maxCount = 10_000

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), (1...Self.maxCount).contains(n), (1...n).contains(k)
        else { return nil }
        (index, count) = (k, n)
    }

    public var description: String { "\(index)/\(count)" }

    /// This shard's cases, in the suite's order.
    public func select(_ cases: [CaseSpec]) -> [CaseSpec] {
        let dealt = cases.indices.sorted { (cases[$0].n, $1) > (cases[$1].n, $0) }
        let mine = Set(dealt.enumerated().filter { $0.offset % count == index - 1 }.map(\.element))
        return cases.indices.filter(mine.contains).map { cases[$0] }
    }
}
