import Candidates
import Foundation
import Linalg

/// How run times are measured: one warm-up call, then repeats until both a minimum count and a
/// minimum total time are reached (or the cap), and the median of the repeats is reported.
///
/// Why these defaults:
/// - one warm-up: the first call pays for page faults on fresh work arrays and for waking OpenBLAS's
///   threads; the native candidates compile nothing at run time, so one call is enough (implementations
///   that do compile on first call report that call apart);
/// - at least 5 repeats: the median of 5 is unmoved by up to 2 outliers (a preempted call, a page
///   fault), which a mean is not;
/// - at least 0.05 s in total: for calls of tens of µs (n ≤ 16) a handful of repeats would measure the
///   clock and the scheduler's noise more than the call; 50 ms of repeats averages that down while the
///   candidate phase of the full suite (692 cases × 16 candidate-precisions) stays near a minute;
/// - at most 200 repeats: bounds the smallest cases (n = 2, about a µs a call), where 200 samples
///   already fix the median far below the differences reports show (factors, not percent).
public struct TimingPolicy: Codable, Sendable, Equatable {
    public var warmups: Int = 1
    public var minRepeats: Int = 5
    public var maxRepeats: Int = 200
    public var minTotalSeconds: Double = 0.05
    /// Slow calls (n ≥ 512): once `slowRepeats` repeats have taken `slowTotalSeconds` in all, their median
    /// is kept. Three repeats of a call of a third of a second or more vary by a few per cent on this
    /// machine, and n = 1024 cases would otherwise spend minutes on the fourth and fifth.
    public var slowRepeats: Int = 3
    public var slowTotalSeconds: Double = 1.0

    public init() {}

    /// Results written before the slow-call rule lack its two fields: they read as the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        warmups = try c.decode(Int.self, forKey: .warmups)
        minRepeats = try c.decode(Int.self, forKey: .minRepeats)
        maxRepeats = try c.decode(Int.self, forKey: .maxRepeats)
        minTotalSeconds = try c.decode(Double.self, forKey: .minTotalSeconds)
        slowRepeats = try c.decodeIfPresent(Int.self, forKey: .slowRepeats) ?? slowRepeats
        slowTotalSeconds = try c.decodeIfPresent(Double.self, forKey: .slowTotalSeconds) ?? slowTotalSeconds
    }

    /// The same rule for a candidate that times itself: at least `minRepeats`, more until
    /// `minTotalSeconds`, at most `maxRepeats` (its first call is its warm-up).
    public var repeatPlan: RepeatPlan {
        RepeatPlan(repeats: minRepeats, minSeconds: minTotalSeconds, maxRepeats: maxRepeats)
    }

    /// Median seconds of `body` under this policy (ContinuousClock).
    public func median(_ body: () -> Void) -> Double {
        for _ in 0..<warmups { body() }
        let clock = ContinuousClock()
        var samples = [Double]()
        var total = 0.0
        while samples.count < maxRepeats && (samples.count < minRepeats || total < minTotalSeconds)
                && !(samples.count >= slowRepeats && total >= slowTotalSeconds) {
            let s = clock.measure(body).inSeconds
            samples.append(s)
            total += s
        }
        return Self.median(of: samples)
    }

    /// The median, NaN when there are no (non-NaN) samples.
    static func median(of samples: [Double]) -> Double { samples.median ?? .nan }
}
