import Linalg

/// What an algorithm chose on one call: its approximant's degree and the scaling exponent s
/// (the input was divided by 2^s and the result squared s times).
public struct ExpmChoice: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Label of the approximant, e.g. "T8", "P13", "1x1" (closed form), "empty".
    public var approximant: String
    /// Degree of the approximant, when it has one.
    public var degree: Int?
    /// Scaling exponent s ≥ 0.
    public var scaling: Int

    public init(approximant: String, degree: Int?, scaling: Int) {
        self.approximant = approximant
        self.degree = degree
        self.scaling = scaling
    }

    public var description: String { "\(approximant), s=\(scaling)" }
}

/// The value an algorithm returns, with its choice.
public struct ExpmResult<T: BLASScalar>: Sendable {
    public var value: Matrix<T>
    public var choice: ExpmChoice

    public init(value: Matrix<T>, choice: ExpmChoice) {
        self.value = value
        self.choice = choice
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
/// Adding a candidate is one file with a conforming type plus one line in `CandidateRegistry.all`.
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
}

extension ExpmCandidate {
    /// "float32" or "float64".
    public var precision: String { Scalar.precisionName }

    /// "name@precision", unique in the registry.
    public var id: String { "\(name)@\(precision)" }

    /// The candidate's unit roundoff as a Double.
    public var unitRoundoff: Double { Double(Scalar.unitRoundoff) }

    /// Runs the candidate on a Double matrix: the input is rounded to the candidate's precision
    /// (exact when the entries are representable), the result is widened back to Double.
    public func run(_ a: Matrix<Double>) throws -> (value: Matrix<Double>, choice: ExpmChoice) {
        let r = try exp(a.converted(to: Scalar.self))
        return (r.value.converted(to: Double.self), r.choice)
    }

    /// The input in the candidate's precision, as the candidate will see it.
    public func input(_ a: Matrix<Double>) -> Matrix<Scalar> { a.converted(to: Scalar.self) }
}
