import ArgumentParser
import FileIO
import Foundation
import Measurement
import Reporting

/// `harness bench candidates`: the candidates' run times at large orders, without references.
struct BenchCandidatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates",
        abstract: "Time the candidates alone (no reference) per order, in seconds and in products of the same run.")

    @Option(help: "Comma-separated candidates, as name or name@precision. Default: all.")
    var candidates: String?

    @OptionGroup var workers: WorkerOptions

    @Option(parsing: .unconditional, help: "Comma-separated orders. Default: 64,256,1024.")
    var sizes: String = "64,256,1024"

    @Option(help: "BLAS threads. Default: all cores.")
    var threads: Int?

    @Option(help: "A directory to write candidates.md and candidates.json into (besides printing the table).")
    var out: String?

    func validate() throws {
        _ = try Selection.sizes(sizes, default: .quick)
        _ = try Selection.threads(threads)
        if try workers.workers().isEmpty { _ = try Selection.candidates(candidates, from: .native) }
        if let out { try checkWritable(out) }
    }

    func run() throws {
        let options = try RunOptions.parse(workers.runArguments + (threads.map { ["--threads", String($0)] } ?? []))
        let chosen = try Selection.candidates(candidates, from: try options.registry())
        let bench = CandidateBench.measure(
            chosen, sizes: try Selection.sizes(sizes, default: .quick), policy: TimingPolicy(), threads: try Selection.threads(threads),
            command: harnessCommandLine,
            progress: { FileHandle.standardError.write(Data("bench candidates: \($0)\n".utf8)) })
        print(bench.markdown)
        if let out { try writeBench(markdown: bench.markdown, json: JSON.encode(bench), name: "candidates", to: out) }
    }
}
