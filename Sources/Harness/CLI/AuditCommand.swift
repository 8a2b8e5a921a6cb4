import ArgumentParser
import Candidates

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

    func validate() throws { _ = try Selection.candidates(candidates) }

    func run() throws {
        let chosen = try Selection.candidates(candidates)
        let entries = SchemeAudit.run(chosen)
        print(AuditTable.markdown(entries))
        let findings = entries.filter(\.departs)
        print(findings.isEmpty ? "No scheme departs below its claimed order."
              : "\(findings.count) scheme(s) depart below their claimed order: "
                + findings.map { "\($0.candidate) \($0.scheme) @\($0.precision)" }.joined(separator: ", "))
    }
}

/// The audit as a Markdown table (used by `harness audit` and the report).
enum AuditTable {
    static func markdown(_ entries: [SchemeAuditEntry]) -> String {
        var lines = [
            "| candidate | scheme | precision | claims | θ (largest ‖A‖₁ used) | matches 1/k! through | first departure: degree, coefficient vs 1/k!, effect at θ | coefficient error at θ, constants in this precision | truncation term at θ | Padé coeff. deviation | used where |",
            "|---|---|---|---|--:|--:|---|--:|--:|--:|---|",
        ]
        for e in entries {
            let dep = e.firstDeparture.map { d in
                "**\(d.degree): \(Format.sci(d.actual)) vs \(Format.sci(d.expected)) (relative \(Format.sci(d.relative))), \(Format.sci(d.effectOverU)) u**"
            } ?? "none"
            lines.append("| `\(e.candidate)` | \(e.scheme) | \(e.precision) | \(e.target) (order \(e.claimedOrder)) | "
                + "\(e.theta.isFinite ? Format.sci(e.theta) : "∞ (weighed at 1)") | \(e.matchesThrough) | \(dep) | \(Format.sci(e.coefficientErrorOverU)) u | "
                + "\(Format.sci(e.truncationOverU)) u | \(e.padeCoefficientDeviation.map { Format.sci($0) } ?? "—") | \(e.usage) |")
        }
        return lines.joined(separator: "\n")
    }
}
