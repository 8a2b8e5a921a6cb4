import Audit

/// The audit as a Markdown table (used by `harness audit` and the report).
public enum AuditTable {
    public static func markdown(_ entries: [SchemeAuditEntry]) -> String {
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
