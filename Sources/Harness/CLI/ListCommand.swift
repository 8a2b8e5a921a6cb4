import ArgumentParser
import Candidates
import Cases

/// `harness list`: suites, families (with example ids) and candidates.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List suites, families and candidates.")

    @OptionGroup var workers: WorkerOptions

    func validate() throws { _ = try workers.workers() }

    func run() throws {
        print("Suites:")
        for s in Suite.allCases { print("  \(s.rawValue.padding(12))\(s.summary)") }
        print("\nFamilies (case ids, shown for n = 16 and seed \(Suite.defaultSeed)):")
        for f in Family.allCases {
            print("  \(f.rawValue.padding(12))\(f.summary)")
            if f == .sweep {
                listSweep()
                continue
            }
            for v in Suite.variants(of: f, in: .full) {
                let spec = CaseSpec(v, n: 16, seed: Suite.defaultSeed)
                if case .literature(let name) = v, let entry = LiteratureCatalog.entry(named: name) {
                    let flags = [entry.hasClosedForm ? "closed form" : nil, entry.isFloatRepresentable ? nil : "not Float"]
                        .compactMap { $0 }.joined(separator: ", ")
                    print("      \(spec.id.padding(36))n = \(spec.n)\(flags.isEmpty ? "" : "; \(flags)")")
                } else {
                    print("      \(spec.id)")
                }
            }
        }
        print("\nCandidates (select one precision with name@float32 or name@float64):")
        let registry = try RunOptions.parse(workers.runArguments).registry()
        for name in registry.names {
            let versions = registry.all.filter { $0.name == name }
            print("  \(name.padding(20))[\(versions.map(\.precision.rawValue).joined(separator: ", "))]")
            print("      \(versions[0].source)")
        }
    }

    /// The sweep has hundreds of cases: one example per base, and the counts per suite.
    private func listSweep() {
        let counts = Suite.allCases.map { "\($0.rawValue) \(NormSweep.variants(for: $0).count)" }.joined(separator: ", ")
        print("      \(NormSweep.targets.count) targets, n = \(NormSweep.order); cases: \(counts); e.g.")
        for base in SweepBase.allCases {
            let spec = CaseSpec(.sweep(base: base, norm: 1), n: NormSweep.order, seed: Suite.defaultSeed)
            print("      \(spec.id.padding(48))10^0")
        }
        // Just above the largest θ of the first candidate in the catalog (the object under verification):
        // its scaling boundary.
        if let theta = NormSweep.thresholds.first?.last,
           let t = NormSweep.target(norm: theta.value * NormSweep.Offset.aboveThousandth.factor) {
            let spec = CaseSpec(.sweep(base: .randn, norm: t.norm), n: NormSweep.order, seed: Suite.defaultSeed)
            print("      \(spec.id.padding(48))\(t.labels.joined(separator: "; "))")
        }
    }
}
