import Candidates
import Cases
import Foundation
import Linalg

/// The candidates' run time alone, with no reference: per candidate and order, the median time of one
/// call on the suite's randn σ = 1 case of that order (the seed's matrices), and that time in units of
/// one n×n product of the same precision measured in the same run.
public struct CandidateBench: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var candidate: String
        public var n: Int
        public var caseID: String
        /// Median seconds of one call (the candidate's own time when it times itself).
        public var seconds: Double
        /// Median seconds of one n×n product in the candidate's precision (its library's for an external one).
        public var productSeconds: Double
        public var timeInProducts: Double { productSeconds > 0 ? seconds / productSeconds : .nan }
        /// Its choice on that matrix, when reported.
        public var choice: ExpmChoice?
    }

    public var rows: [Row]
    public var timing: TimingPolicy
    public var machine: MachineInfo
    public var blasThreads: Int
    public var blasLibrary: String
    public var commit: String
    public var command: String

    /// Times every candidate at every order, largest orders last; `progress` hears each step.
    public static func measure(_ candidates: [any ExpmCandidate], sizes: [Int], policy: TimingPolicy, threads: Int,
                               command: String, progress: (String) -> Void = { _ in }) -> CandidateBench {
        BLASThreads.set(threads)
        var units = [String: Double]()
        var rows = [Row]()
        for n in sizes.sorted() {
            let spec = CaseSpec(.randn(sigma: "1.0"), n: n, seed: Suite.defaultSeed)
            let a = spec.matrix()
            for c in candidates {
                progress("\(c.id) at n = \(n)")
                if !c.runsInProcess { BLASThreads.quiesce() }
                let key = "\(c.productUnit)-\(n)"
                let unit = units[key] ?? timeProduct(c, n: n, policy)
                units[key] = unit
                let choice = (try? c.run(a))?.choice
                let (seconds, _) = timeCandidate(c, a, policy)
                rows.append(Row(candidate: c.id, n: n, caseID: spec.id, seconds: seconds, productSeconds: unit, choice: choice))
            }
        }
        return CandidateBench(rows: rows, timing: policy, machine: .current(), blasThreads: threads,
                              blasLibrary: BLASThreads.libraryDescription, commit: MachineInfo.gitCommit(), command: command)
    }
}
