import ArgumentParser
import Candidates
import Cases
import Certification
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

    /// The candidates a run may choose from: the native ones (those registered at run time join here).
    var registry: CandidateRegistry { .native }

    func validate() throws {
        _ = try Selection.candidates(candidates, from: registry)
        _ = try Selection.threads(threads)
    }

    /// The configuration of a run of `cases` (and the caller's additions), with the selected candidates,
    /// BLAS threads, reference cache, progress line and the command line for the report.
    func config(suiteName: String, cases: [CaseSpec], seed: UInt64) throws -> RunConfig {
        var config = RunConfig(
            suiteName: suiteName, cases: cases, candidates: try Selection.candidates(candidates, from: registry),
            seed: seed, blasThreads: try Selection.threads(threads))
        config.certifier.cache = noCache ? nil : ReferenceCache(directory: ReferenceCache.defaultDirectory)
        config.showProgress = !quiet
        config.commandLine = (["harness"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        return config
    }
}
