import Candidates
import Linalg

/// An implementation outside the harness, reached through a worker (`WorkerSession`), in one precision.
///
/// Its `Scalar` is only the transport type: the input is rounded to `precision` (`input`), the worker
/// computes in its own library, and the result comes back as read from its file. The harness cannot see
/// its operations (`operationsObservable` is false: "not observed"), its choice is whatever it reports,
/// and it times itself: `selfTimed` asks the worker to repeat the call and report the times it measured
/// around the call alone; its "time in products" is in units of the worker's own n×n product.
public struct ExternalCandidate: ExpmCandidate {
    public typealias Scalar = Double

    public let name: String
    public let precision: Precision
    let session: WorkerSession

    /// One candidate per precision the worker offers that the harness can round input to (float32, float64).
    public static func candidates(_ session: WorkerSession) -> [ExternalCandidate] {
        [Precision.float32, .float64].filter { session.hello.precisions.contains($0.rawValue) }
            .map { ExternalCandidate(name: session.name, precision: $0, session: session) }
    }

    public var source: String {
        let versions = session.hello.versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "external worker `\(session.command)`: \(session.hello.name)"
            + (versions.isEmpty ? "" : " (\(versions))") + (session.hello.blas.map { "; BLAS: \($0)" } ?? "")
    }

    public var operationsObservable: Bool { false }

    public var productUnit: String { "worker:\(name)@\(precision)" }

    public var runsInProcess: Bool { false }

    public func input(_ a: Matrix<Double>) -> Matrix<Double> {
        precision == .float32 ? a.converted(to: Float.self).converted(to: Double.self) : a
    }

    public func exp(_ a: Matrix<Double>) throws -> ExpmResult<Double> {
        guard a.isSquare else { throw CandidateError.notSquare(rows: a.rows, cols: a.cols) }
        let r = try session.expm(a, precision: precision, plan: RepeatPlan(repeats: 0))
        return ExpmResult(value: r.value, choice: r.choice ?? .notReported, selfMeasuredSeconds: r.first,
                          transportSeconds: r.transport)
    }

    public func selfTimed(_ a: Matrix<Double>, plan: RepeatPlan) throws -> (first: Double, seconds: [Double])? {
        let r = try session.expm(input(a), precision: precision, plan: plan)
        return (r.first, r.seconds)
    }

    public func ownProductTimes(n: Int, plan: RepeatPlan) -> [Double]? {
        (try? session.matmul(n: n, precision: precision, plan: plan))?.seconds ?? []
    }

}
