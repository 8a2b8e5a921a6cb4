import Candidates
import Certification
@testable import Cases
import Foundation
@testable import Measurement
import Testing

@Suite("Shards and merge")
struct ShardTests {
    static let selection = Suite.cases(families: [.randn, .nilpotent, .rotation], sizes: [2, 4, 16], seed: 1, suite: .quick)

    @Test("k/N parses only with 1 ≤ k ≤ N", arguments: ["1/3", "3/3", "1/1"])
    func parses(text: String) { #expect(Shard(text)?.description == text) }

    @Test("malformed shards are refused", arguments: ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/3/5", "1/100000"])
    func refused(text: String) { #expect(Shard(text) == nil) }

    @Test("the N parts hold every case once, in the suite's order, and share the largest cases out evenly", arguments: [1, 2, 3, 7])
    func partition(count: Int) throws {
        let parts = (1...count).map { Shard("\($0)/\(count)")!.select(Self.selection) }
        #expect(parts.flatMap { $0.map(\.id) }.sorted() == Self.selection.map(\.id).sorted())
        let order = Dictionary(uniqueKeysWithValues: Self.selection.enumerated().map { ($1.id, $0) })
        for p in parts { #expect(p.map { order[$0.id]! } == p.map { order[$0.id]! }.sorted()) }
        let sizes = parts.map(\.count)
        #expect(sizes.max()! - sizes.min()! <= 1)
        let largest = parts.map { $0.filter { $0.n == 16 }.count }
        #expect(largest.max()! - largest.min()! <= 1, "n = 16 cases per shard: \(largest)")
    }

    /// References are computed once and shared through one cache, as shards on one machine would share it.
    static let cache = ReferenceCache(directory: FileManager.default.temporaryDirectory
        .appendingPathComponent("shard-cache-\(ProcessInfo.processInfo.processIdentifier)"))

    func run(_ cases: [CaseSpec], shard: Shard?) -> RunResults {
        var config = quickConfig([], [Pade13AlMohy09<Double>(), TaylorBBC18<Float>()])
        config.certifier.cache = Self.cache
        config.cases = shard?.select(cases) ?? cases
        config.suiteName = "quick"
        if let shard { config.shard = ShardInfo(part: shard.description, caseIDs: cases.map(\.id), narrowed: true) }
        return Runner(config: config).run()
    }

    @Test("three shards merged give the accuracy results of one unsharded run, in its order")
    func mergeEqualsWhole() throws {
        let whole = run(Self.selection, shard: nil)
        let parts = (1...3).map { run(Self.selection, shard: Shard("\($0)/3")!) }
        let merged = try RunResults.merge(parts.reversed(), names: ["c", "b", "a"], command: "harness merge a b c")
        #expect(merged.cases.map(\.id) == whole.cases.map(\.id))
        #expect(merged.info.shard == nil && merged.info.sizes == whole.info.sizes && merged.info.families == whole.info.families)
        for (m, w) in zip(merged.cases, whole.cases) {
            #expect(m.reference.evidence == w.reference.evidence && m.norm1 == w.norm1)
            for (x, y) in zip(m.results, w.results) {
                #expect(x.id == y.id && x.outcome == y.outcome && x.choice == y.choice && x.products == y.products
                        && x.solves == y.solves && x.verdict == y.verdict, "\(m.id) \(x.id)")
                #expect(x.errors?.normwiseRelative == y.errors?.normwiseRelative && x.bound == y.bound, "\(m.id) \(x.id)")
            }
        }
    }

    @Test("merge refuses a missing, repeated or foreign part, naming it")
    func refusals() throws {
        let parts = (1...3).map { run(Self.selection, shard: Shard("\($0)/3")!) }
        func message(_ ps: [RunResults]) -> String {
            do {
                _ = try RunResults.merge(ps, names: ps.indices.map { "dir\($0)" }, command: "merge")
                return "merged"
            } catch { return "\(error)" }
        }
        #expect(message(Array(parts[0..<2])).contains("shard(s) 3/3 missing"))
        #expect(message([parts[0], parts[1], parts[1]]).contains("dir2: shard 2/3 is given twice"))
        var foreign = parts[2]
        foreign.info.candidates = ["eig@float64"]
        #expect(message([parts[0], parts[1], foreign]).contains("dir2: other candidates"))
        #expect(message([run(Self.selection, shard: nil)]).contains("not a shard"))
    }
}

@Suite("Reference phase: time left")
struct RemainingTimeTests {
    @Test("the time left falls to zero as the estimated references finish")
    func fallsToZero() {
        let eta = RemainingTime(estimates: [40, 20, 0, 20], workers: 2)
        #expect(eta.total == 80)
        var lefts = [Double]()
        for k in [0, 1, 2, 3] { lefts.append(eta.finished(k)) }
        #expect(lefts.last == 0 && lefts.allSatisfy { $0 >= 0 && $0.isFinite })
    }
}
