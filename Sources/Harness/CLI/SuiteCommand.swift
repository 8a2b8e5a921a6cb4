import ArgumentParser
import Cases
import FileIO
import Foundation
import Measurement
import Reporting

/// `harness [suite] --suite quick|full …`: runs a suite, writes REPORT.md and results.json, and
/// optionally gates against (or rewrites) a baseline.
struct SuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite", abstract: "Run a suite of generated cases (the default command).")

    @Option(help: "Which suite: quick (n ≤ 64, about a minute) or full (n ≤ 256, minutes).")
    var suite: Suite = .quick

    @OptionGroup var options: RunOptions

    @Option(help: ArgumentHelp("Comma-separated families. Default: all.",
                               discussion: "values: " + Family.allValueStrings.joined(separator: ", ")))
    var families: String?

    // Unconditional, so that "--sizes -1" reaches the check that says what is wrong with it.
    @Option(parsing: .unconditional, help: "Comma-separated matrix orders. Default: the suite's sizes.")
    var sizes: String?

    @Option(help: "Seed of the random families: an integer from 0 to 2^64 − 1; part of every case id.")
    var seed: UInt64 = Suite.defaultSeed

    @Option(help: ArgumentHelp(
        "Run part k of N of the selection (1 ≤ k ≤ N), for one machine of several; join the parts with `harness merge`.",
        valueName: "k/N"))
    var shard: String?

    @Option(help: "Output directory. Default: reports/<suite>, reports/custom when the selection is narrowed, reports/<suite>-shard-k-of-N for a shard.")
    var out: String?

    @Option(help: "Baseline JSON to gate against: exit 1 when a result regresses.")
    var gate: String?

    @Flag(help: "Write this run's results as the baseline (to --gate's path, or reports/baseline-<suite>.json) instead of gating. A narrowed run (--candidates, --families, --sizes, --seed) needs --gate's path named.")
    var updateBaseline = false

    @Flag(help: "With --gate: results the baseline does not have fail the gate too (what CI runs).")
    var strict = false

    func validate() throws {
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard: '\(shard)' is not k/N with 1 ≤ k ≤ N ≤ \(Shard.maxCount)")
        }
        _ = try Selection.families(families)
        _ = try Selection.sizes(sizes, default: suite)
        if let out, out.isEmpty { throw ValidationError("--out must not be empty") }
        // Fail before the work, not after it: the baseline and the output directory must be usable (the
        // directory last, since checking it creates it).
        if let gate, !updateBaseline { try checkBaseline(gate, suite: suite.rawValue) }
        if updateBaseline && narrowed && gate == nil {
            throw ValidationError("--update-baseline: this run is narrowed (--candidates, --families, --sizes, --seed or --shard) and would "
                + "overwrite reports/baseline-\(suite.rawValue).json with part of the suite; name the file with --gate PATH")
        }
        if strict && gate == nil { throw ValidationError("--strict needs --gate") }
        if updateBaseline {
            let path = gate ?? "reports/baseline-\(suite.rawValue).json"
            do { try Writability.file(path) } catch { throw ValidationError("--update-baseline: \(error)") }
        }
        try checkWritable(outputDirectory)
    }

    private var outputDirectory: String {
        if let out { return out }
        if let part = shard.flatMap(Shard.init) { return "reports/\(suite.rawValue)-shard-\(part.index)-of-\(part.count)" }
        return selectionNarrowed ? "reports/custom" : "reports/\(suite.rawValue)"
    }

    func run() throws {
        let selection = Suite.cases(families: try Selection.families(families),
                                    sizes: try Selection.sizes(sizes, default: suite), seed: seed, suite: suite,
                                    restrictLarge: sizes == nil)
        let part = shard.flatMap(Shard.init)
        let cases = part?.select(selection) ?? selection
        var config = try options.config(suiteName: suite.rawValue, cases: cases, seed: seed)
        if let part {
            config.shard = ShardInfo(part: part.description, caseIDs: selection.map(\.id), narrowed: selectionNarrowed)
        }
        // The largest order decides whether the suite's references can be finished here.
        if let n = cases.map(\.n).max() {
            try options.checkCost(config, cases.filter { $0.n == n }.map { ($0.id, $0.matrix()) })
        }
        let results = Runner(config: config).run()
        let dir = outputDirectory
        try ReportWriter.write(results, to: dir)
        print(ReportWriter.summaryLine(results, dir: dir))
        try gateOrUpdate(results)
    }

    /// Fewer results than the suite's on purpose: a narrowed selection, or one shard of it.
    private var narrowed: Bool { selectionNarrowed || shard != nil }

    private var selectionNarrowed: Bool {
        options.candidates != nil || families != nil || sizes != nil || seed != Suite.defaultSeed
    }

    private func gateOrUpdate(_ results: RunResults) throws {
        if updateBaseline {
            let path = gate ?? "reports/baseline-\(suite.rawValue).json"
            try Baseline(from: results).save(path)
            print("baseline written: \(path)")
            return
        }
        guard let gate else { return }
        try applyGate(results, baseline: gate, narrowed: narrowed, strict: strict)
    }
}

/// Gates `results` against the baseline at `path`, prints what it found, and exits 1 on a regression.
func applyGate(_ results: RunResults, baseline path: String, narrowed: Bool, strict: Bool) throws {
    let report = GateReport(run: results, baseline: try Baseline.load(path), narrowed: narrowed, strict: strict)
    print(report.describe())
    if !report.passed { throw ExitCode(1) }
}

/// Refuses, before any work, a `--gate` file that cannot be read or used for `suite`.
func checkBaseline(_ path: String, suite: String) throws {
    guard FileManager.default.isReadableFile(atPath: path) else {
        throw ValidationError("--gate: cannot read baseline '\(path)' (create one with --update-baseline)")
    }
    let baseline: Baseline
    do { baseline = try Baseline.load(path) } catch { throw ValidationError("--gate: \(error)") }
    if let problem = baseline.problem(forSuite: suite) { throw ValidationError("--gate: baseline \(path) is not usable: \(problem)") }
}

/// `Writability.directory` as a command-line validation error naming `--out`; creates nothing.
func checkWritable(_ dir: String) throws {
    do { try Writability.directory(dir) } catch { throw ValidationError("--out: \(error)") }
}
