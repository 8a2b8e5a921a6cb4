import Foundation
import Linalg
import Reference
import Cases

/// Computes (or reads from the cache) the reference of a matrix and the witnesses' evidence for it:
/// MPFR Taylor up to `fastMinOrder` − 1, the fast double-double engine from there on (where it applies:
/// see `FastReference`), each checked by the independent witnesses of `Witnesses`. Where the fast
/// engine's certificate falls short of the target (many squarings), Arb's rigorous enclosure becomes the
/// reference (`ArbReference`); where its result leaves Double's range, MPFR.
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
    /// Smallest order whose reference comes from the fast engine (`FastReference`) rather than MPFR.
    /// Why 257: up to 256 MPFR takes under a minute per case and stays the defining reference, with the
    /// fast path checked against it; at 512 MPFR would take about 6 minutes, at 1024 about 46.
    public var fastMinOrder = 257

    /// The engine that computes `a`'s reference: the fast one from `fastMinOrder` on, when it applies.
    public func engine(for a: Matrix<Double>) -> Witnesses.Engine {
        a.rows >= fastMinOrder && FastReference.isApplicable(a) ? .fast : .mpfr
    }

    /// The cache key (method and precisions) of an engine's references.
    func cacheKey(_ engine: Witnesses.Engine) -> (method: String, bits: Int, checkBits: Int) {
        switch engine {
        case .fast: (FastReference.method, FastReference.bits, FastReference.bits)
        case .arb: (ArbReference.method, ArbReference.bits, ArbReference.maxBits)
        case .mpfr: (TaylorReference.method, bits, checkBits)
        }
    }

    /// The engines whose cached entries serve for `a`, in the order they are tried.
    private func engines(for a: Matrix<Double>) -> [Witnesses.Engine] {
        engine(for: a) == .fast ? [.fast, .arb, .mpfr] : [.mpfr]
    }

    /// The engine for `a` and its cached reference if any. Where the fast engine applies, an Arb entry
    /// (stored when the fast one fell short) or an MPFR entry (the defining reference; also what a fast run
    /// that overflowed stored) serves too.
    func cachedReference(_ a: Matrix<Double>) -> (Witnesses.Engine, ReferenceExp?) {
        let engine = engine(for: a)
        guard let cache else { return (engine, nil) }
        for e in engines(for: a) {
            let k = cacheKey(e)
            if let r = cache.load(a, bits: k.bits, checkBits: k.checkBits, method: k.method) { return (e, r) }
        }
        return (engine, nil)
    }

    /// Whether `a`'s reference and evidence are in the cache (under either engine's key, as above).
    func isCached(_ a: Matrix<Double>) -> Bool {
        guard let cache else { return false }
        return engines(for: a).contains { e in
            let k = cacheKey(e)
            return cache.contains(a, bits: k.bits, checkBits: k.checkBits, method: k.method)
        }
    }

    public init(cache: ReferenceCache? = nil) { self.cache = cache }

    /// The reference of `a` with its evidence; `spec` is the generated case (for its closed form), nil
    /// for a user's matrix.
    public func certify(_ a: Matrix<Double>, spec: CaseSpec?) -> CertifiedReference {
        let key = Witnesses.key(arbMaxOrder: arbMaxOrder)
        let (found, cached) = cachedReference(a)
        var engine = found
        var reference: ReferenceExp
        var evidence: Evidence
        var stored: Evidence?
        if let cached {
            reference = cached
            let k = cacheKey(engine)
            stored = cache?.loadEvidence(a, bits: k.bits, checkBits: k.checkBits, witnesses: key, method: k.method)
            evidence = stored ?? assess(reference, spec, a, engine)
        } else {
            (engine, reference) = compute(a, engine)
            let memo = Witnesses.Memo()
            if engine == .fast { memo.fast = (reference.hi, reference.lo) }
            evidence = assess(reference, spec, a, engine, memo)
            if engine == .fast && evidence.certifiedDigits < targetDigits, let arb = ArbReference.compute(a) {
                // Too many squarings for double-double: Arb's enclosure, at the precision it needs; the
                // witnesses' values from the first assessment are reused.
                (engine, reference) = (.arb, arb.reference)
                evidence = assess(reference, spec, a, .arb, memo)
            }
            let k = cacheKey(engine)
            cache?.store(reference, for: a, bits: k.bits, checkBits: k.checkBits, method: k.method)
        }
        let k = cacheKey(engine)
        if stored == nil {
            cache?.storeEvidence(evidence, for: a, bits: k.bits, checkBits: k.checkBits, witnesses: key, method: k.method)
        }
        return CertifiedReference(reference: reference, cached: cached != nil, evidence: evidence,
                                  record: Self.record(reference, cached: cached != nil, evidence: evidence,
                                                      targetDigits: targetDigits, inputIsFinite: a.isFinite))
    }

    /// The reference by `engine`; a fast result beyond Double's range falls back to MPFR.
    private func compute(_ a: Matrix<Double>, _ engine: Witnesses.Engine) -> (Witnesses.Engine, ReferenceExp) {
        if engine == .fast {
            let fast = FastReference.compute(a)
            // exp(A) or a squaring beyond Double's range: only MPFR holds it.
            if fast.hi.isFinite && fast.lo.isFinite { return (.fast, fast) }
        }
        return (.mpfr, TaylorReference.compute(a, bits: bits, checkBits: checkBits))
    }

    private func assess(_ r: ReferenceExp, _ spec: CaseSpec?, _ a: Matrix<Double>, _ engine: Witnesses.Engine,
                        _ memo: Witnesses.Memo = Witnesses.Memo()) -> Evidence {
        Witnesses.assess(r, spec, a, target: targetDigits, arbMaxOrder: arbMaxOrder, engine: engine, memo: memo)
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
