import ArgumentParser
import Foundation

/// `harness [suite] --suite quick|full …`: runs a suite, writes REPORT.md and results.json, and
/// optionally gates against (or rewrites) a baseline.
struct SuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite", abstract: "Run a suite of generated cases (the default command).")

    @Option(help: "Which suite: quick (n ≤ 64, seconds) or full (n ≤ 256, minutes).")
    var suite: Suite = .quick

    @OptionGroup var options: RunOptions

    @Option(help: "Comma-separated families (randn, nilpotent, rotation, illcond, markov, literature, sweep). Default: all.")
    var families: String?

    @Option(help: "Comma-separated matrix orders. Default: the suite's sizes.")
    var sizes: String?

    @Option(help: "Seed of the random families.")
    var seed: UInt64 = Suite.defaultSeed

    @Option(help: "Output directory. Default: reports/<suite>, or reports/custom when the selection is narrowed.")
    var out: String?

    @Option(help: "Baseline JSON to gate against: exit 1 when a result regresses.")
    var gate: String?

    @Flag(help: "Write this run's results as the baseline (to --gate's path, or reports/baseline-<suite>.json) instead of gating.")
    var updateBaseline = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func validate() throws {
        _ = try Selection.families(families)
        _ = try Selection.sizes(sizes, default: suite)
        if let out, out.isEmpty { throw ValidationError("--out must not be empty") }
        // Fail before the work, not after it: the output directory and the baseline must be usable.
        try ReportWriter.checkWritable(outputDirectory)
        if let gate, !updateBaseline, !FileManager.default.isReadableFile(atPath: gate) {
            throw ValidationError("--gate: cannot read baseline '\(gate)' (create one with --update-baseline)")
        }
        if let gate, !updateBaseline {
            do { _ = try Baseline.load(gate) } catch { throw ValidationError("--gate: \(error)") }
        }
    }

    private var outputDirectory: String {
        out ?? (narrowed ? "reports/custom" : "reports/\(suite.rawValue)")
    }

    func run() throws {
        var config = RunConfig(
            suiteName: suite.rawValue,
            cases: Suite.cases(families: try Selection.families(families),
                               sizes: try Selection.sizes(sizes, default: suite), seed: seed, suite: suite),
            candidates: try options.selectedCandidates(), seed: seed,
            blasThreads: try options.blasThreads())
        config.showProgress = !quiet
        config.cache = options.cache
        config.commandLine = (["harness"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let results = Runner(config: config).run()
        let dir = outputDirectory
        try ReportWriter.write(results, to: dir)
        print(ReportWriter.summaryLine(results, dir: dir))
        try gateOrUpdate(results)
    }

    private var narrowed: Bool {
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
        let report = GateReport(run: results, baseline: try Baseline.load(gate))
        print(report.describe())
        if !report.passed { throw ExitCode(1) }
    }
}

/// Writes a run's report and results, atomically.
enum ReportWriter {
    static func write(_ results: RunResults, to dir: String) throws {
        do {
            try AtomicWrite.write(try JSON.encode(results), to: "\(dir)/results.json")
            let plots = try ReportPlots.write(results, to: dir)
            try AtomicWrite.write(MarkdownReport(results: results, plots: plots).render(), to: "\(dir)/REPORT.md")
        } catch {
            throw HarnessError.io("cannot write the report to \(dir): \(error.localizedDescription)")
        }
    }

    /// Throws a validation error unless `dir` can be created and written.
    static func checkWritable(_ dir: String) throws {
        let probe = "\(dir)/.write-probe-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Data().write(to: URL(fileURLWithPath: probe))
            try FileManager.default.removeItem(atPath: probe)
        } catch {
            throw ValidationError("--out: cannot write to '\(dir)': \(error.localizedDescription)")
        }
    }

    static func summaryLine(_ r: RunResults, dir: String) -> String {
        let all = r.cases.flatMap(\.results)
        let count = { (v: Verdict) in all.filter { $0.verdict == v }.count }
        return "\(r.cases.count) cases × \(r.info.candidates.count) candidates: \(count(.pass)) passed, "
            + "\(count(.fail)) failed, \(count(.excluded)) excluded; report: \(dir)/REPORT.md"
    }
}
