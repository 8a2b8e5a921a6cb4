import Candidates
import Foundation
import Linalg

/// What reaching a worker costs: for one order and precision, `requests` single-call expm requests on
/// one matrix, each timed by the harness around the whole request (input written, JSON line sent, the
/// call, reply read, result file read back) and by the worker around its call alone. The overhead is the
/// difference, per request; a timing request spreads it over all its repeats.
public struct ProtocolOverhead: Codable, Sendable {
    public var worker: String
    public var precision: Precision
    public var n: Int
    public var requests: Int
    /// Median of the worker's own time of the call, seconds.
    public var callSeconds: Double
    /// Median of the harness's time of the whole request, seconds.
    public var requestSeconds: Double
    /// Median of (request − call), seconds.
    public var overheadSeconds: Double

    /// Overhead ÷ call: how much a single-call request costs on top of the call.
    public var ratio: Double { overheadSeconds / callSeconds }

    /// Measures `session` on `a` in `precision` (`a` already as that precision holds it), after one
    /// untimed warm-up request (a library's compilation for the shape).
    public static func measure(_ session: WorkerSession, on a: Matrix<Double>, precision: Precision,
                               requests: Int = 21) throws -> ProtocolOverhead {
        _ = try session.expm(a, precision: precision, plan: RepeatPlan(repeats: 0))
        var calls = [Double](), walls = [Double](), overheads = [Double]()
        for _ in 0..<requests {
            let start = ContinuousClock.now
            let r = try session.expm(a, precision: precision, plan: RepeatPlan(repeats: 0))
            let wall = (ContinuousClock.now - start).inSeconds
            calls.append(r.first)
            walls.append(wall)
            overheads.append(wall - r.first)
        }
        return ProtocolOverhead(worker: session.name, precision: precision, n: a.rows, requests: requests,
                                callSeconds: calls.median ?? .nan, requestSeconds: walls.median ?? .nan,
                                overheadSeconds: overheads.median ?? .nan)
    }
}
