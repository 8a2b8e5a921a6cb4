import Candidates
@testable import Cases
import Linalg
import Testing

/// The sweep's fixed θ table against the candidates' code: the case list must not follow a candidate's
/// θ silently (a bug there would move the cases meant to catch it), so a difference fails here and the
/// table is changed on purpose, together with the baseline.
@Suite("Sweep thresholds")
struct SweepThresholdsTests {
    /// Every finite positive θ of every candidate's schemes, as the candidates state them (catalog order,
    /// float32 first, ascending within a group).
    static func fromCandidates() -> [[NormSweep.Threshold]] {
        var names = [String]()
        for s in SchemeCatalog.all where !names.contains(s.candidate) { names.append(s.candidate) }
        return names.flatMap { name in
            NormSweep.precisions.compactMap { p -> [NormSweep.Threshold]? in
                let group = SchemeCatalog.thresholds(of: name, precision: p).map { s, theta in
                    NormSweep.Threshold(name, p, "θ" + s.label.drop { $0.isLetter }, theta)
                }
                return group.isEmpty ? nil : group.sorted { $0.value < $1.value }
            }
        }
    }

    /// The table as Swift source, to paste into SweepThresholds.swift after an intended change.
    static func source(_ table: [[NormSweep.Threshold]]) -> String {
        table.map { group in
            "        [\n" + group.map { t in
                "            .init(\"\(t.candidate)\", .\(t.precision), \"\(t.name)\", \(t.value)),"
            }.joined(separator: "\n") + "\n        ],"
        }.joined(separator: "\n")
    }

    @Test("the fixed table holds exactly the θ the candidates use")
    func tableMatchesCandidates() {
        let code = Self.fromCandidates()
        let table = SweepThresholds.table
        #expect(table == code, """
            The sweep's θ table differs from the candidates' θ. If the change is intended, replace the \
            table in Sources/Harness/Cases/SweepThresholds.swift with the following, and regenerate the \
            baselines (the sweep's case ids change):
            \(Self.source(code))
            """)
    }

    @Test("every registered candidate with norm-chosen schemes is in the table")
    func everyCandidateCovered() {
        let inTable = Set(SweepThresholds.table.flatMap { $0.map(\.candidate) })
        for c in CandidateRegistry.nativeCandidates where !SchemeCatalog.thresholds(of: c.name, precision: c.precision).isEmpty {
            #expect(inTable.contains(c.name), "\(c.id) chooses schemes by ‖A‖₁ but has no θ in the sweep table")
        }
    }
}
