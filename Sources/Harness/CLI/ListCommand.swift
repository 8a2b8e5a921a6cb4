import ArgumentParser
import Candidates

/// `harness list`: suites, families (with example ids) and candidates.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List suites, families and candidates.")

    func run() {
        print("Suites:")
        for s in Suite.allCases { print("  \(s.rawValue.padding(12))\(s.summary)") }
        print("\nFamilies (case ids, shown for n = 16 and seed \(Suite.defaultSeed)):")
        for f in Family.allCases {
            print("  \(f.rawValue.padding(12))\(f.summary)")
            for v in Suite.variants(of: f) {
                print("      \(CaseSpec(v, n: 16, seed: Suite.defaultSeed).id)")
            }
        }
        print("\nCandidates:")
        for c in CandidateRegistry.all {
            print("  \(c.id.padding(28))\(c.source)")
        }
    }
}

extension String {
    /// Left-justified in a field of `width` characters (at least one space after).
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
