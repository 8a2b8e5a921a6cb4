import Cases
import Foundation
import Linalg
import Reference

/// What a certified reference costs at large orders: wall time, certified digits and the basis of the
/// certificate, and the process's peak memory, with Arb beside it when asked. Sizes run in increasing
/// order, so the peak after each is that size's (peak resident memory only grows).
public struct ReferenceBench: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var caseID: String
        public var n: Int
        /// Wall time of `ReferenceCertifier.certify` (reference, witnesses, κ), seconds.
        public var seconds: Double
        /// Of which the Taylor reference itself.
        public var referenceSeconds: Double
        public var certifiedDigits: Double
        public var basis: String
        /// Peak resident memory of the process after this size, bytes.
        public var peakBytes: Double
        /// Arb's `arb_mat_exp` on the same matrix (with `compareArb`): seconds and digits of agreement
        /// with the MPFR reference (or, without one, with the double-double fast path).
        public var arbSeconds: Double?
        public var arbDigits: Double?
        /// The fast certification (`FastReference` with its self-check, the independent witnesses that
        /// apply above 256, i.e. the modular one and closed forms, and κ): whole wall time, the engine's
        /// part, digits certified and their basis, agreement with the MPFR reference when that ran, the
        /// self-check's digits and the modular witness's.
        public var fastSeconds: Double?
        public var fastReferenceSeconds: Double?
        public var fastCertifiedDigits: Double?
        public var fastBasis: String?
        public var fastDigits: Double?
        public var fastSelfCheckDigits: Double?
        public var modularDigits: Double?
    }

    public var rows: [Row]
    public var command: String
    public var commit: String

    /// Measures the suite's cases `specs` (no cache), in increasing order: the MPFR certification when
    /// `mpfr` (the defining reference), the fast certification when `fast` (at any order: the engine and
    /// the modular witness, without Arb), Arb when `compareArb`.
    public static func measure(_ specs: [CaseSpec], mpfr: Bool = true, fast: Bool = false, compareArb: Bool,
                               command: String, commit: String, progress: (String) -> Void = { _ in }) -> ReferenceBench {
        var rows = [Row]()
        var certifier = ReferenceCertifier(cache: nil)
        certifier.fastMinOrder = .max
        for spec in specs.sorted(by: { $0.n < $1.n }) {
            let a = spec.matrix()
            var row = Row(caseID: spec.id, n: spec.n, seconds: .nan, referenceSeconds: .nan, certifiedDigits: .nan,
                          basis: "not computed", peakBytes: 0)
            var reference: (hi: Matrix<Double>, lo: Matrix<Double>)?
            if mpfr {
                progress("\(spec.id): MPFR, \(ReferenceCost.estimate(order: spec.n).announcement) expected")
                let (c, seconds) = timedCertify(certifier, a, spec)
                row.seconds = seconds
                row.referenceSeconds = c.reference.certificate.seconds
                row.certifiedDigits = c.record.evidence.certifiedDigits
                row.basis = c.record.evidence.basis
                reference = (c.reference.hi, c.reference.lo)
            }
            var fastValue: (hi: Matrix<Double>, lo: Matrix<Double>)?
            if fast {
                progress("\(spec.id): fast engine and modular witness")
                var forced = ReferenceCertifier(cache: nil)
                forced.fastMinOrder = 0
                forced.arbMaxOrder = 0
                if forced.engine(for: a) == .fast {
                    let (c, seconds) = timedCertify(forced, a, spec)
                    row.fastSeconds = seconds
                    row.fastReferenceSeconds = c.reference.certificate.seconds
                    row.fastCertifiedDigits = c.record.evidence.certifiedDigits
                    row.fastBasis = c.record.evidence.basis
                    row.fastSelfCheckDigits = c.reference.certificate.normwiseDigits
                    row.modularDigits = c.evidence.pairs.first { $0.second == Witnesses.modularWitnessName }?.normwiseDigits
                    if let reference { row.fastDigits = digits((c.reference.hi, c.reference.lo), reference) }
                    fastValue = (c.reference.hi, c.reference.lo)
                }
            }
            if compareArb, let against = reference ?? fastValue {
                progress("\(spec.id): Arb")
                if let arb = ArbWitness.exp(a) {
                    row.arbSeconds = arb.seconds
                    row.arbDigits = arb.digits(hi: against.hi, lo: against.lo, cap: Evidence.storedDigits).normwise
                }
            }
            row.peakBytes = peakResidentBytes()
            rows.append(row)
        }
        return ReferenceBench(rows: rows, command: command, commit: commit)
    }

    /// A certification and its wall time.
    static func timedCertify(_ certifier: ReferenceCertifier, _ a: Matrix<Double>, _ spec: CaseSpec)
        -> (CertifiedReference, Double)
    {
        let start = ContinuousClock.now
        let c = certifier.certify(a, spec: spec)
        return (c, (ContinuousClock.now - start).inSeconds)
    }

    /// Normwise digits of agreement of two hi + lo matrices, capped at the digits stored.
    static func digits(_ x: (hi: Matrix<Double>, lo: Matrix<Double>), _ y: (hi: Matrix<Double>, lo: Matrix<Double>)) -> Double {
        Agreement.digits(MPMatrix.fromHiLo(x.hi, x.lo, precision: 256), MPMatrix.fromHiLo(y.hi, y.lo, precision: 256),
                         cap: Evidence.storedDigits).normwise
    }

    /// The process's peak resident set so far (getrusage; Linux reports KiB).
    static func peakResidentBytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) * 1024
    }
}
