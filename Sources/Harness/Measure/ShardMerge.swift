import Foundation

/// Why shards cannot be merged; the message names the directory or shard at fault.
public struct ShardMergeError: Error, CustomStringConvertible {
    public var description: String
}

extension RunResults {
    /// The run the shards of one suite make together: every case of the selection once, in the suite's
    /// order, with the shards' reference and candidate times added up. Refuses parts that are not shards,
    /// belong to different selections, suites, candidates, seeds or commits, repeat a part, or leave one
    /// out. `names` label the parts in messages (their directories).
    public static func merge(_ parts: [RunResults], names: [String], command: String) throws -> RunResults {
        guard let first = parts.first else { throw ShardMergeError(description: "nothing to merge") }
        func fail(_ k: Int, _ why: String) -> ShardMergeError { ShardMergeError(description: "\(names[k]): \(why)") }
        guard let shard = first.info.shard else { throw fail(0, "not a shard (run with --shard k/N)") }
        let count = Int(shard.part.split(separator: "/").last ?? "") ?? 0
        var seen = Set<String>()
        for (k, p) in parts.enumerated() {
            guard let s = p.info.shard else { throw fail(k, "not a shard (run with --shard k/N)") }
            guard s.caseIDs == shard.caseIDs, s.narrowed == shard.narrowed else { throw fail(k, "a shard of another selection of cases than \(names[0])") }
            guard p.suite == first.suite, p.info.seed == first.info.seed else { throw fail(k, "another suite or seed than \(names[0])") }
            guard p.info.candidates == first.info.candidates else { throw fail(k, "other candidates than \(names[0])") }
            guard p.info.commit == first.info.commit else {
                throw fail(k, "made at commit \(p.info.commit), \(names[0]) at \(first.info.commit): shards must come from one commit")
            }
            guard Int(s.part.split(separator: "/").last ?? "") == count else { throw fail(k, "shard \(s.part), the others are of \(count)") }
            guard seen.insert(s.part).inserted else { throw fail(k, "shard \(s.part) is given twice") }
        }
        let missing = (1...max(count, 1)).map { "\($0)/\(count)" }.filter { !seen.contains($0) }
        guard missing.isEmpty else {
            throw ShardMergeError(description: "shard(s) \(missing.joined(separator: ", ")) missing: give every part's directory")
        }
        var byID = [String: CaseRecord]()
        for p in parts { for c in p.cases { byID[c.id] = c } }
        let absent = shard.caseIDs.filter { byID[$0] == nil }
        guard absent.isEmpty, byID.count == shard.caseIDs.count else {
            throw ShardMergeError(description: "the shards lack \(absent.count) case(s) of their selection, e.g. \(absent.prefix(3).joined(separator: ", "))")
        }
        var merged = first
        merged.cases = shard.caseIDs.compactMap { byID[$0] }
        merged.info.shard = nil
        merged.info.command = command
        merged.info.date = ISO8601DateFormatter().string(from: Date())
        merged.info.sizes = Array(Set(merged.cases.map(\.n))).sorted()
        merged.info.families = Array(Set(merged.cases.map(\.family))).sorted()
        merged.info.referenceSeconds = parts.map(\.info.referenceSeconds).reduce(0, +)
        merged.info.candidateSeconds = parts.map(\.info.candidateSeconds).reduce(0, +)
        let cpus = parts.map(\.info.machine.cpu).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if cpus.count > 1 { merged.info.machine.cpu = "shards on several machines: " + cpus.joined(separator: "; ") }
        return merged
    }
}
