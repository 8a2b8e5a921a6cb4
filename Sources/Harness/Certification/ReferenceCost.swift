import Foundation
import Linalg

/// What computing a reference of order n costs: an estimate from measurements, so that a command can
/// say what it is about to do and refuse, before starting, what this machine cannot finish.
///
/// Measured on the 2-core AMD EPYC of this project (2026-12-07, `harness reference --no-cache` on randn
/// matrices): the Taylor reference at 256 and 192 bits took 0.67 s, 5.2 s and 18.2 s at n = 64, 128, 192,
/// about 2.6 µs·n³ (its products are O(n³) MPFR multiply-adds on one core), and the whole command
/// (witnesses included) 1.8 s, 5.9 s and 20.1 s; peak resident memory 41, 58 and 87 MB, about
/// 40 MB + 1.4 KB·n² (a few n×n MPFR matrices of 256-bit numbers). Other machines differ by small factors.
public struct ReferenceCost: Sendable, Equatable {
    public var seconds: Double
    public var bytes: Double

    /// Seconds per n³ of the reference and its witnesses, and bytes per matrix entry (measured, above).
    static let secondsPerCubed = 2.9e-6
    static let bytesPerEntry = 1.4e3
    static let baseBytes = 40e6

    public static func estimate(order n: Int) -> ReferenceCost {
        let m = Double(n)
        return ReferenceCost(seconds: secondsPerCubed * m * m * m, bytes: baseBytes + bytesPerEntry * m * m)
    }

    /// Seconds per n³ and bytes per entry of the fast engine's reference with its witnesses (above 256),
    /// measured at n = 1024 on the same machine: the engine and its self-check 13 s, the modular witness
    /// 13 s, κ_exp 13 s, comparisons 1 s: 40 s ≈ 3.7·10⁻⁸·n³; peak resident memory under 1 GB for two
    /// such certifications at once (the full suite). Where Arb has to take over (many squarings) it
    /// costs more: 15 to 100 s at n = 512.
    static let fastSecondsPerCubed = 3.7e-8
    static let fastBytesPerEntry = 1.0e3

    /// The cost of a reference computed by the fast engine (`FastReference`) and its witnesses.
    public static func estimateFast(order n: Int) -> ReferenceCost {
        let m = Double(n)
        return ReferenceCost(seconds: fastSecondsPerCubed * m * m * m, bytes: baseBytes + fastBytesPerEntry * m * m)
    }

    /// What may run without being asked for: 15 minutes, and 80 % of this machine's memory.
    public static let secondsLimit = 900.0
    public static var bytesLimit: Double { 0.8 * Double(ProcessInfo.processInfo.physicalMemory) }

    /// Why a reference of this cost is refused unless the user insists, or nil when it may run.
    public var refusal: String? {
        guard seconds > Self.secondsLimit || bytes > Self.bytesLimit else { return nil }
        return "its reference would take about \(Self.describe(seconds: seconds)) and \(Self.describe(bytes: bytes)) "
            + "of memory on this machine (limits without --allow-long: \(Self.describe(seconds: Self.secondsLimit)), "
            + "\(Self.describe(bytes: Self.bytesLimit)))"
    }

    /// One line saying what is about to happen, for long references.
    public var announcement: String {
        "about \(Self.describe(seconds: seconds)) and \(Self.describe(bytes: bytes))"
    }

    public static func describe(seconds s: Double) -> String {
        s < 120 ? String(format: "%.0f s", s) : s < 7200 ? String(format: "%.0f min", s / 60) : String(format: "%.1f h", s / 3600)
    }

    static func describe(bytes b: Double) -> String {
        b < 1e9 ? String(format: "%.0f MB", b / 1e6) : String(format: "%.1f GB", b / 1e9)
    }
}

extension ReferenceCertifier {
    /// The estimated cost of certifying `a`, or nil when its reference is already in the cache.
    public func cost(of a: Matrix<Double>) -> ReferenceCost? {
        if isCached(a) { return nil }
        return engine(for: a) == .fast ? ReferenceCost.estimateFast(order: a.rows) : ReferenceCost.estimate(order: a.rows)
    }
}
