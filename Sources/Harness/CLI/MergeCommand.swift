import ArgumentParser
import FileIO
import Foundation
import Measurement
import Reporting

/// `harness merge DIR…`: joins the results of a suite's shards (`--shard k/N`, one per machine) into one
/// report, and gates it as one run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the results of a suite's shards (--shard k/N) into one report and one gate decision.",
        discussion: """
            Each DIR holds a shard's results.json. The shards must be every part of one selection (same suite, \
            families, sizes, seed, candidates and commit), each once; the merged report is what one unsharded run \
            would have written, with the shards' times added up.
            """)

    @Argument(help: "The shards' output directories.")
    var directories: [String] = []

    @Option(help: "Output directory. Default: reports/<suite>.")
    var out: String?

    @Option(help: "Baseline JSON to gate the merged run against: exit 1 when a result regresses.")
    var gate: String?

    @Flag(help: "With --gate: results the baseline does not have fail the gate too.")
    var strict = false

    func validate() throws {
        guard !directories.isEmpty else { throw ValidationError("give the shards' directories: harness merge DIR…") }
        for dir in directories where !FileManager.default.isReadableFile(atPath: "\(dir)/results.json") {
            throw ValidationError("'\(dir)' holds no readable results.json (a shard's --out directory)")
        }
        if strict && gate == nil { throw ValidationError("--strict needs --gate") }
        if let out { try checkWritable(out) }
    }

    func run() throws {
        let parts = try directories.map { dir -> RunResults in
            do { return try JSON.decode(RunResults.self, from: Data(contentsOf: URL(fileURLWithPath: "\(dir)/results.json"))) } catch {
                throw ValidationError("\(dir)/results.json is not a results file: \(error)")
            }
        }
        let merged: RunResults
        do {
            merged = try RunResults.merge(parts, names: directories,
                                          command: harnessCommandLine)
        } catch let e as ShardMergeError { throw ValidationError(e.description) }
        if let gate { try checkBaseline(gate, suite: merged.suite) }
        let dir = out ?? "reports/\(merged.suite)"
        try checkWritable(dir)
        try ReportWriter.write(merged, to: dir)
        print("merged \(parts.count) shards")
        print(ReportWriter.summaryLine(merged, dir: dir))
        if let gate {
            try applyGate(merged, baseline: gate, narrowed: parts[0].info.shard?.narrowed ?? false, strict: strict)
        }
    }
}
