import ArgumentParser
import Candidates
import Cases
import Certification
import External
import Foundation
import Linalg
import Measurement

/// The options every command that runs candidates shares, and the run configuration they make.
struct RunOptions: ParsableArguments {
    @Option(help: "Comma-separated candidates, as name (every precision) or name@precision. Default: all.")
    var candidates: String?

    @Option(help: "BLAS threads for timing. Default: all cores.")
    var threads: Int?

    @Flag(help: "Compute every reference anew instead of reading the reference cache ($EXPM_HARNESS_CACHE, else ~/.cache/expm-harness/references).")
    var noCache = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    @Flag(help: "Compute references that this machine needs more than 15 minutes or 80 % of its memory for (refused otherwise, with the estimate).")
    var allowLong = false

    @Option(help: ArgumentHelp(
        "An external implementation, NAME=COMMAND: COMMAND starts a worker of the protocol in docs/worker-protocol.md. Repeatable.",
        valueName: "name=command"))
    var external: [String] = []

    @Option(help: ArgumentHelp(
        "Comma-separated shipped adapters to add (scipy, torch, jax, mlx), run from .venv-adapters (scripts/setup --adapters).",
        valueName: "list"))
    var adapters: String?

    @Option(help: ArgumentHelp(
        "A pair of candidate names to compare with each other, A:B, besides the default mlx-proposal-t8:torch, mlx:torch and mlx:mlx-proposal-t8. Repeatable.",
        valueName: "a:b"))
    var compare: [String] = []

    /// The candidates a run may choose from: the native ones, then those of the external workers.
    /// Starts each worker (once); a worker that does not start is a usage error naming its command.
    func registry() throws -> CandidateRegistry {
        var registry = CandidateRegistry.native
        for (name, command) in try Selection.adapters(adapters) + Selection.externals(external) {
            let session: WorkerSession
            do { session = try WorkerSession(name: name, command: command, threads: try Selection.threads(threads)) } catch {
                throw ValidationError("--external \(name): \(error)")
            }
            for c in ExternalCandidate.candidates(session) { try registry.register(c) }
        }
        return registry
    }

    func validate() throws {
        _ = try Selection.adapters(adapters) + Selection.externals(external)
        // Candidate names are checked against the native ones here; external names once their workers run.
        if external.isEmpty && adapters == nil { _ = try Selection.candidates(candidates, from: .native) }
        _ = try Selection.threads(threads)
        _ = try Selection.pairs(compare)
    }

    /// Refuses, before any work, references the machine cannot finish (unless --allow-long): each
    /// matrix not in the cache is estimated by `ReferenceCost`.
    func checkCost(_ config: RunConfig, _ matrices: [(name: String, matrix: Matrix<Double>)]) throws {
        try Self.checkCost(config.certifier, matrices, allowLong: allowLong)
    }

    static func checkCost(_ certifier: ReferenceCertifier, _ matrices: [(name: String, matrix: Matrix<Double>)], allowLong: Bool) throws {
        var seen = Set<Int>()
        for (name, a) in matrices {
            guard let cost = certifier.cost(of: a), seen.insert(a.rows).inserted else { continue }
            try check(cost, name: name, order: a.rows, allowLong: allowLong)
        }
    }

    /// Refuses `cost` unless allowed; announces a long one on stderr.
    static func check(_ cost: ReferenceCost, name: String, order n: Int, allowLong: Bool) throws {
        if !allowLong, let why = cost.refusal {
            throw ValidationError("\(name) (\(n)×\(n)): \(why); pass --allow-long to go ahead")
        }
        if cost.seconds > 10 {
            FileHandle.standardError.write(Data("note: a reference of order \(n) (\(name)) takes \(cost.announcement)\n".utf8))
        }
    }

    /// The configuration of a run of `cases` (and the caller's additions), with the selected candidates,
    /// BLAS threads, reference cache, progress line and the command line for the report.
    func config(suiteName: String, cases: [CaseSpec], seed: UInt64) throws -> RunConfig {
        var config = RunConfig(
            suiteName: suiteName, cases: cases, candidates: try Selection.candidates(candidates, from: try registry()),
            seed: seed, blasThreads: try Selection.threads(threads))
        config.certifier.cache = noCache ? nil : ReferenceCache(directory: ReferenceCache.defaultDirectory)
        config.comparePairs += try Selection.pairs(compare)
        config.externalCommands = Dictionary(try Selection.adapters(adapters) + Selection.externals(external),
                                             uniquingKeysWith: { a, _ in a })
        config.showProgress = !quiet
        config.commandLine = harnessCommandLine
        return config
    }
}
