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
        /// Arb's `arb_mat_exp` on the same matrix (with `compareArb`): seconds and digits of agreement.
        public var arbSeconds: Double?
        public var arbDigits: Double?
    }

    public var rows: [Row]
    public var command: String
    public var commit: String

    /// Certifies the suite's cases `ids` (no cache), in increasing order.
    public static func measure(_ specs: [CaseSpec], compareArb: Bool, command: String, commit: String,
                               progress: (String) -> Void = { _ in }) -> ReferenceBench {
        var rows = [Row]()
        let certifier = ReferenceCertifier(cache: nil)
        for spec in specs.sorted(by: { $0.n < $1.n }) {
            let a = spec.matrix()
            progress("\(spec.id): \(ReferenceCost.estimate(order: spec.n).announcement) expected")
            let clock = ContinuousClock()
            let start = clock.now
            let c = certifier.certify(a, spec: spec)
            let seconds = (clock.now - start).inSeconds
            var row = Row(caseID: spec.id, n: spec.n, seconds: seconds, referenceSeconds: c.reference.certificate.seconds,
                          certifiedDigits: c.record.evidence.certifiedDigits, basis: c.record.evidence.basis,
                          peakBytes: peakResidentBytes())
            if compareArb {
                progress("\(spec.id): Arb")
                if let arb = ArbWitness.exp(a) {
                    row.arbSeconds = arb.seconds
                    row.arbDigits = arb.digits(hi: c.reference.hi, lo: c.reference.lo, cap: Evidence.storedDigits).normwise
                }
            }
            rows.append(row)
        }
        return ReferenceBench(rows: rows, command: command, commit: commit)
    }

    /// The process's peak resident set so far (getrusage; Linux reports KiB).
    static func peakResidentBytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) * 1024
    }
}
