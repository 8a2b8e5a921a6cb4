import Linalg

/// What an algorithm chose on one call: its approximant's degree and the scaling exponent s
/// (the input was divided by 2^s and the result squared s times).
///
/// The harness's own candidates report all of it. An implementation seen from outside may report only
/// part (a label, no scaling) or nothing at all (`notReported`): a field it did not report is nil, shown
/// as "not reported", never guessed.
public struct ExpmChoice: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Label of the approximant, e.g. "T8", "P13", "1x1" (closed form), "empty".
    public var approximant: String
    /// Degree of the approximant, when it has one and it was reported.
    public var degree: Int?
    /// Scaling exponent s ≥ 0, nil when not reported.
    public var scaling: Int?

    public init(approximant: String, degree: Int?, scaling: Int?) {
        self.approximant = approximant
        self.degree = degree
        self.scaling = scaling
    }

    /// The choice of an implementation that reports none.
    public static let notReported = ExpmChoice(approximant: "not reported", degree: nil, scaling: nil)

    public var description: String {
        self == .notReported ? approximant : "\(approximant), s=\(scaling.map(String.init) ?? "not reported")"
    }
}

/// The value an algorithm returns, with its choice (`ExpmChoice.notReported` when it reports none) and,
/// for an implementation that times itself (e.g. inside a worker process, around the call alone), the
/// seconds it measured.
public struct ExpmResult<T: BLASScalar>: Sendable {
    public var value: Matrix<T>
    public var choice: ExpmChoice
    /// Wall time of the call as the implementation measured it; nil when it does not measure itself.
    public var selfMeasuredSeconds: Double?
    /// For an implementation in another process: the wall time of the whole request (input sent, call,
    /// result read back) less the call's own time, i.e. what reaching it costs; nil in process.
    public var transportSeconds: Double?

    public init(value: Matrix<T>, choice: ExpmChoice, selfMeasuredSeconds: Double? = nil, transportSeconds: Double? = nil) {
        self.value = value
        self.choice = choice
        self.selfMeasuredSeconds = selfMeasuredSeconds
        self.transportSeconds = transportSeconds
    }
}

/// Input an algorithm refuses.
public enum CandidateError: Error, Equatable, CustomStringConvertible {
    case notSquare(rows: Int, cols: Int)

    public var description: String {
        switch self {
        case .notSquare(let r, let c): return "expm needs a square matrix, got \(r)×\(c)"
        }
    }
}

/// A matrix-exponential algorithm under test, in one precision.
///
/// Adding a native candidate: a conforming type, its line in `CandidateRegistry.native`, and its
/// evaluation schemes in `SchemeCatalog` (a test fails when a registered candidate has none; see
/// docs/adding-a-candidate.md). Candidates known only at run time are added with
/// `CandidateRegistry.register`.
///
/// The harness calls `exp` through an existential, so a candidate generic over its scalar runs
/// unspecialised generic code unless its functions carry `@_specialize(where T == Float)` and
/// `@_specialize(where T == Double)`; without them, its timings measure Swift's generic dispatch
/// per matrix entry rather than the algorithm (seen here: 100× slower at n = 64).
public protocol ExpmCandidate: Sendable {
    associatedtype Scalar: BLASScalar
    /// Stable short name, shared by the Float and Double versions, e.g. "pade13-higham05".
    var name: String { get }
    /// Where the algorithm comes from: paper (with table/equation) or post, and what is followed.
    var source: String { get }
    /// exp(A) in the candidate's precision, with the choice it made. Throws for input it refuses.
    func exp(_ a: Matrix<Scalar>) throws -> ExpmResult<Scalar>
    /// The precision it computes in; by default that of `Scalar`.
    var precision: Precision { get }
    /// True when its products, solves and eigendecompositions go through `Linalg` in this process, so
    /// that `OperationCounter` observes them; false for an implementation the harness cannot see inside
    /// (its counts are then "not observed", not 0). Default true.
    var operationsObservable: Bool { get }
    /// The input in the candidate's precision, as the candidate will compute with it. Default: A
    /// rounded to `Scalar`; a candidate whose `Scalar` is only its transport type rounds to `precision`.
    func input(_ a: Matrix<Double>) -> Matrix<Scalar>
    /// The call timed by the candidate itself, when it can time the call alone better than the harness's
    /// clock around `exp` (an implementation in another process): the first call's seconds (compilation,
    /// warm-up) and those of the repeats `plan` asks for. nil, the default: the harness times `exp`.
    func selfTimed(_ a: Matrix<Double>, plan: RepeatPlan) throws -> (first: Double, seconds: [Double])?
    /// The times of one n×n product in the candidate's own library (the repeats `plan` asks for, after a
    /// first call), whose median is the unit of its "time in products"; nil, the default: the harness's
    /// gemm in the candidate's precision. Empty when the library failed to time it.
    func ownProductTimes(n: Int, plan: RepeatPlan) -> [Double]?
    /// Names the product that is the unit of its "time in products": candidates with the same unit share
    /// one measurement per order. Default "gemm@<precision>", the harness's own BLAS product.
    var productUnit: String { get }
    /// False for an implementation that computes in another process, whose timing must not share the
    /// cores with the harness's idle BLAS threads. Default true.
    var runsInProcess: Bool { get }
}

extension ExpmCandidate {
    public var precision: Precision { Scalar.precision }

    public var operationsObservable: Bool { true }

    /// "name@precision", unique in the registry.
    public var id: String { "\(name)@\(precision)" }

    /// The candidate's unit roundoff as a Double.
    public var unitRoundoff: Double { precision.unitRoundoff }

    /// Runs the candidate on a Double matrix: the input is rounded to the candidate's precision
    /// (exact when the entries are representable), the result is widened back to Double.
    public func run(_ a: Matrix<Double>) throws -> (value: Matrix<Double>, choice: ExpmChoice) {
        let r = try runReporting(a)
        return (r.value, r.choice)
    }

    /// Like `run`, with the times the implementation measured itself, if it does.
    public func runReporting(_ a: Matrix<Double>) throws -> ExpmResult<Double> {
        let r = try exp(input(a))
        return ExpmResult(value: r.value.converted(to: Double.self), choice: r.choice,
                          selfMeasuredSeconds: r.selfMeasuredSeconds, transportSeconds: r.transportSeconds)
    }

    public func input(_ a: Matrix<Double>) -> Matrix<Scalar> { a.converted(to: Scalar.self) }

    public func selfTimed(_ a: Matrix<Double>, plan: RepeatPlan) throws -> (first: Double, seconds: [Double])? { nil }

    public func ownProductTimes(n: Int, plan: RepeatPlan) -> [Double]? { nil }

    public var productUnit: String { "gemm@\(precision)" }

    public var runsInProcess: Bool { true }
}

/// How many repeats a self-timed candidate makes after its first call: at least `repeats`, and more until
/// they take `minSeconds` in total, but never more than `maxRepeats` (the harness's `TimingPolicy`).
public struct RepeatPlan: Sendable, Equatable {
    public var repeats: Int
    public var minSeconds: Double
    public var maxRepeats: Int

    public init(repeats: Int, minSeconds: Double = 0, maxRepeats: Int? = nil) {
        self.repeats = repeats
        self.minSeconds = minSeconds
        self.maxRepeats = max(repeats, maxRepeats ?? repeats)
    }
}
