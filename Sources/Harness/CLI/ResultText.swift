import Certification
import Measurement
import Reporting

/// The words `harness case` and `harness check` print for a reference and a judged result, the same
/// as the report's.
enum ResultText {
    /// The reference's certificate, evidence and witnesses, one item a line.
    static func reference(_ record: ReferenceRecord) -> [String] {
        let cert = record.certificate
        var lines = [
            "reference: \(cert.method); bits \(cert.bits), scalings \(cert.scalings), degrees \(cert.degrees); "
                + "\(Format.fixed(cert.normwiseDigits)) digits normwise, \(Format.fixed(cert.componentwiseDigits)) worst entry; "
                + "\(record.certified ? "certified" : "UNCERTAIN: \(record.note ?? "")"); \(Format.time(cert.seconds))",
            "evidence: \(Format.fixed(record.evidence.certifiedDigits)) digits certified, \(record.evidence.basis)",
        ]
        lines += record.evidence.refusals.map { "  \($0)" }
        lines += record.evidence.pairs.map { p in
            "  \(p.first) vs \(p.second): \(Format.fixed(p.normwiseDigits)) digits normwise, "
                + "\(Format.fixed(p.componentwiseDigits)) worst entry\(p.independent ? "" : " (self-check)")"
        }
        return lines
    }

    /// Errors against the bound, and the worst entry; nothing when there are no errors.
    static func accuracy(_ r: CandidateRecord) -> [String] {
        guard let e = r.errors else { return [] }
        return [
            "  rel. error \(Format.sci(e.normwiseRelative)) (bound \(Format.sci(r.bound)) from κ = \(Format.sci(r.boundKappa)), "
                + "\(r.boundBasis.rawValue); error/(κu) \(Format.sci(r.errorOverKappaU)))",
            "  componentwise \(Format.sci(e.componentwiseRelative)) at \(e.worstEntry.map { "(\($0[0]), \($0[1]))" } ?? "—"); "
                + "max abs. error \(Format.sci(e.maxAbsolute))"
                + (e.overflowEntries > 0 ? "; \(e.overflowEntries) entries where exp(A) overflows this precision (±Inf, right)" : ""),
        ]
    }
}
