import ArgumentParser
import Audit
import Candidates
import Reporting

/// `harness audit`: expands every evaluation scheme in MPFR and compares it with exp's series.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Expand each candidate's evaluation schemes in high precision and compare their coefficients with 1/k!.",
        discussion: """
            For each scheme and precision: the order it claims, the degree through which it matches exp's \
            Taylor coefficients (a coefficient error counts when, at the largest norm θ where the scheme is \
            used, it moves the result by more than u), the first departure, and the truncation term at θ.
            """)

    @Option(help: "Comma-separated candidates, as name or name@float32|float64. Default: all.")
    var candidates: String?

    func validate() throws { _ = try Selection.candidates(candidates, from: .native) }

    func run() throws {
        let chosen = try Selection.candidates(candidates, from: .native)
        let entries = SchemeAudit.run(chosen)
        print(AuditTable.markdown(entries))
        let findings = entries.filter(\.departs)
        print(findings.isEmpty ? "No scheme departs below its claimed order."
              : "\(findings.count) scheme(s) depart below their claimed order: "
                + findings.map { "\($0.candidate) \($0.scheme) @\($0.precision)" }.joined(separator: ", "))
    }
}
