import ArgumentParser
import Cases
import Certification
import FileIO
import Foundation
import Measurement
import Reporting

/// `harness bench reference`: what a certified reference costs at large orders, Arb beside it.
struct BenchReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Time references (no cache) per order: MPFR certification and/or the double-double fast path, certified digits, peak memory; Arb beside them with --compare-arb.")

    @Option(parsing: .unconditional, help: "Comma-separated orders. Default: 256,512,1024.")
    var sizes: String = "256,512,1024"

    @Option(help: "Comma-separated families: every randn σ, the first variant of the others. Default: randn.")
    var families: String = "randn"

    @Flag(help: "Also run Arb's arb_mat_exp on each matrix and report its time and agreement.")
    var compareArb = false

    @Option(help: "Engines: mpfr (the defining reference, n ≤ 256 in suites), fast (the certification above 256: double-double engine, modular witness), or both, comma-separated. Default: mpfr.")
    var engines: String = "mpfr"

    @Flag(help: "Run references this machine needs more than 15 minutes or 80 % of its memory for.")
    var allowLong = false

    @Option(help: "A directory to write reference.md and reference.json into (besides printing the table).")
    var out: String?

    private var engineList: [String] { engines.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func validate() throws {
        guard !engineList.isEmpty, engineList.allSatisfy({ ["mpfr", "fast"].contains($0) }) else {
            throw ValidationError("--engines: '\(engines)'; give mpfr, fast or both (comma-separated)")
        }
        _ = try Selection.sizes(sizes, default: .quick)
        _ = try Selection.families(families)
        if let out { try checkWritable(out) }
    }

    func run() throws {
        let specs = try Selection.sizes(sizes, default: .quick).flatMap { n in
            try Selection.families(families).flatMap { family -> [CaseSpec] in
                let variants = Suite.variants(of: family, in: .full)
                return (family == .randn ? variants : Array(variants.prefix(1))).map { CaseSpec($0, n: n, seed: Suite.defaultSeed) }
            }
        }
        let mpfr = engineList.contains("mpfr")
        for n in Set(specs.map(\.n)).sorted() where mpfr {
            try RunOptions.check(ReferenceCost.estimate(order: n), name: "order \(n)", order: n, allowLong: allowLong)
        }
        let bench = ReferenceBench.measure(
            specs, mpfr: mpfr, fast: engineList.contains("fast"), compareArb: compareArb, command: harnessCommandLine,
            commit: MachineInfo.gitCommit(), progress: { FileHandle.standardError.write(Data("bench reference: \($0)\n".utf8)) })
        let text = bench.markdown(machine: .current())
        print(text)
        if let out { try writeBench(markdown: text, json: JSON.encode(bench), name: "reference", to: out) }
    }
}
