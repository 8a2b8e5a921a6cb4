import Foundation
import Linalg
import Reference
import Cases

/// Computes (or reads from the cache) the MPFR reference of a matrix and the witnesses' evidence for it.
public struct ReferenceCertifier: Sendable {
    /// Working precisions of the primary Taylor reference and of its self-check.
    public var bits = 256
    public var checkBits = 192
    /// Certified digits a reference needs for its case to be judged. Why 25: the smallest error the
    /// harness measures is of order u = 2^-53 ≈ 1.1·10⁻¹⁶ (Double), and a reference good to 25 digits moves
    /// such an error by at most 10⁻²⁵/10⁻¹⁶ ≈ 10⁻⁹ of itself, far below the three significant digits
    /// reports print; the remaining ~6 digits up to the 31 stored are margin for the agreement-based
    /// certificate, itself an estimate of the distance between two approximations.
    public var targetDigits = 25.0
    /// Largest order for which Arb's rigorous enclosure is computed as a witness (a few seconds at
    /// n = 256 on 2 cores; 0 disables it).
    public var arbMaxOrder = 256
    /// Where references are cached; nil: no cache (tests, `--no-cache`).
    public var cache: ReferenceCache?

    public init(cache: ReferenceCache? = nil) { self.cache = cache }

    /// The reference of `a` with its evidence; `spec` is the generated case (for its closed form), nil
    /// for a user's matrix.
    public func certify(_ a: Matrix<Double>, spec: CaseSpec?) -> CertifiedReference {
        let cached = cache?.load(a, bits: bits, checkBits: checkBits)
        let r = cached ?? TaylorReference.compute(a, bits: bits, checkBits: checkBits)
        if cached == nil { cache?.store(r, for: a, bits: bits, checkBits: checkBits) }
        let key = Witnesses.key(arbMaxOrder: arbMaxOrder)
        let stored = cached != nil ? cache?.loadEvidence(a, bits: bits, checkBits: checkBits, witnesses: key) : nil
        let evidence = stored
            ?? Witnesses.assess(r, spec, a, target: targetDigits, arbMaxOrder: arbMaxOrder)
        if stored == nil { cache?.storeEvidence(evidence, for: a, bits: bits, checkBits: checkBits, witnesses: key) }
        return CertifiedReference(reference: r, cached: cached != nil, evidence: evidence,
                                  record: Self.record(r, cached: cached != nil, evidence: evidence,
                                                      targetDigits: targetDigits, inputIsFinite: a.isFinite))
    }

    /// The record of a reference: certified when its evidence reaches `targetDigits` and it is not NaN,
    /// with a note on what limits it.
    /// A finite input whose reference holds NaN overflowed MPFR's exponent range (about 2^(2^30)): exp of a
    /// matrix with ‖A‖₁ near 10⁹ or more, where the squarings make Inf − Inf.
    public static func record(_ r: ReferenceExp, cached: Bool = false, evidence: Evidence,
                              targetDigits: Double, inputIsFinite: Bool = true) -> ReferenceRecord {
        if r.hi.elements.contains(where: \.isNaN) {
            let note = inputIsFinite
                ? "no reference: exp(A) is beyond even MPFR's exponent range (entries near e^‖A‖ overflow 2^(2^30) and the squarings give Inf − Inf); no precision holds it, so results are not judged"
                : "no reference: the input has NaN or Inf entries"
            return ReferenceRecord(certificate: r.certificate, evidence: evidence, certified: false, cached: cached, note: note)
        }
        let ok = evidence.certifiedDigits >= targetDigits
        var note = ok ? nil : String(format: "certified to %.1f digits (%@), below the target %.0f",
                                     evidence.certifiedDigits, evidence.basis, targetDigits)
        if let d = evidence.disagreement { note = [note, d].compactMap { $0 }.joined(separator: "; ") }
        if evidence.underflowEntries > 0 {
            note = [note, "\(evidence.underflowEntries) entr\(evidence.underflowEntries == 1 ? "y" : "ies") of exp(A) below Double's normal range: the right Double answer there is 0 or subnormal"]
                .compactMap { $0 }.joined(separator: "; ")
        }
        let overflow = r.hi.elements.filter(\.isInfinite).count
        if overflow > 0 {
            note = [note, "\(overflow) entr\(overflow == 1 ? "y" : "ies") of exp(A) beyond Double's range: the right Double answer there is ±Inf"]
                .compactMap { $0 }.joined(separator: "; ")
        }
        return ReferenceRecord(certificate: r.certificate, evidence: evidence, certified: ok, cached: cached, note: note)
    }
}

/// A reference, whether it came from the cache, the witnesses' evidence and the record reports show.
public struct CertifiedReference: Sendable {
    public var reference: ReferenceExp
    public var cached: Bool
    public var evidence: Evidence
    public var record: ReferenceRecord

    public init(reference: ReferenceExp, cached: Bool, evidence: Evidence, record: ReferenceRecord) {
        (self.reference, self.cached, self.evidence, self.record) = (reference, cached, evidence, record)
    }
}

/// The reference used for a case, with its certificate.
public struct ReferenceRecord: Codable, Sendable {
    public var certificate: Certificate
    /// The witnesses and what they certify.
    public var evidence: Evidence
    /// True when the certificate reaches the target digits and the reference is finite.
    public var certified: Bool
    /// True when it was read from the reference cache rather than computed in this run.
    public var cached: Bool
    /// Why not, when not.
    public var note: String?
}
