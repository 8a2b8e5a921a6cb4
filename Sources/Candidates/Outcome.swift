/// How a candidate's call ended, before any judgement of accuracy. The raw values are the JSON and
/// report spellings.
public enum Outcome: String, Codable, Sendable, CaseIterable {
    /// It returned a result of the right shape, finite where exp(A) is finite.
    case ok
    /// NaN or ±Inf in the result although the reference is finite (or finite where exp(A) overflows).
    case nonFinite = "non-finite"
    /// The candidate threw (a native candidate refusing its input).
    case threw
    /// An external implementation declined the request with a message of its own.
    case refused
    /// The worker process running it exited or was killed during the call.
    case crashed
    /// The call did not finish within its time limit; the worker was stopped.
    case timedOut = "timed out"
    /// The reply broke the protocol: not JSON, output outside it, a result of the wrong shape or dtype.
    case badOutput = "bad output"
}

/// An error that says how the call ended, for candidates whose failures are more than a throw
/// (`Outcome.threw` is what any other error counts as).
public struct CandidateFailure: Error, Equatable, CustomStringConvertible {
    public var outcome: Outcome
    public var message: String

    public init(_ outcome: Outcome, _ message: String) {
        (self.outcome, self.message) = (outcome, message)
    }

    public var description: String { message }
}
