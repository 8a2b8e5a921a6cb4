import Foundation
import Linalg

/// How run times are measured: one warm-up call, then repeats until both a minimum count and a
/// minimum total time are reached (or the cap), and the median of the repeats is reported.
public struct TimingPolicy: Codable, Sendable, Equatable {
    public var warmups: Int = 1
    public var minRepeats: Int = 5
    public var maxRepeats: Int = 200
    public var minTotalSeconds: Double = 0.05

    public init() {}

    /// Median seconds of `body` under this policy (ContinuousClock).
    public func median(_ body: () -> Void) -> Double {
        for _ in 0..<warmups { body() }
        let clock = ContinuousClock()
        var samples = [Double]()
        var total = 0.0
        while samples.count < maxRepeats && (samples.count < minRepeats || total < minTotalSeconds) {
            let s = clock.measure(body).inSeconds
            samples.append(s)
            total += s
        }
        return Self.median(of: samples)
    }

    static func median(of samples: [Double]) -> Double {
        let s = samples.sorted()
        if s.isEmpty { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
