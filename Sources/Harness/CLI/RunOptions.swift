import ArgumentParser
import Candidates

/// The options every command that runs candidates shares: which candidates, BLAS threads, cache.
struct RunOptions: ParsableArguments {
    @Option(help: "Comma-separated candidates, as name (both precisions) or name@float32|float64. Default: all.")
    var candidates: String?

    @Option(help: "BLAS threads for timing. Default: all cores.")
    var threads: Int?

    @Flag(help: "Compute every reference anew instead of reading the reference cache ($EXPM_HARNESS_CACHE, else ~/.cache/expm-harness/references).")
    var noCache = false

    func validate() throws {
        _ = try Selection.candidates(candidates)
        _ = try Selection.threads(threads)
    }

    /// The selected candidates (validated).
    func selectedCandidates() throws -> [any ExpmCandidate] { try Selection.candidates(candidates) }

    /// The BLAS thread count (validated).
    func blasThreads() throws -> Int { try Selection.threads(threads) }

    /// The reference cache, unless `--no-cache`.
    var cache: ReferenceCache? { noCache ? nil : ReferenceCache(directory: ReferenceCache.defaultDirectory) }
}
