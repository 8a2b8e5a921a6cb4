/// The messages of the worker protocol, version 1 (docs/worker-protocol.md): one JSON object per line,
/// requests on the worker's stdin, replies on its stdout, matrices as `.npy` files in a private directory.
enum WorkerProtocol {
    static let version = 1

    struct Request: Encodable {
        var op: String
        var `protocol`: Int?
        var n: Int?
        var precision: String?
        var repeats: Int?
        /// With `repeats`: keep repeating (up to `maxRepeats`) until the repeats take this long in total.
        var minSeconds: Double?
        var maxRepeats: Int?
        var input: String?
        var output: String?

        static let hello = Request(op: "hello", protocol: WorkerProtocol.version)
        static let bye = Request(op: "bye")

        static func matmul(n: Int, precision: String, repeats: Int, minSeconds: Double?, maxRepeats: Int?) -> Request {
            Request(op: "matmul", n: n, precision: precision, repeats: repeats, minSeconds: minSeconds, maxRepeats: maxRepeats)
        }

        static func expm(input: String, output: String, precision: String, repeats: Int,
                         minSeconds: Double?, maxRepeats: Int?) -> Request {
            Request(op: "expm", precision: precision, repeats: repeats, minSeconds: minSeconds, maxRepeats: maxRepeats,
                    input: input, output: output)
        }
    }

    /// Any reply: `ok` false carries `error`; the other fields belong to the request answered.
    struct Reply: Decodable {
        var ok: Bool
        var error: String?
        // hello
        var name: String?
        var `protocol`: Int?
        var versions: [String: String]?
        var precisions: [String]?
        var reportsChoice: Bool?
        var blas: String?
        // matmul, expm
        var firstSeconds: Double?
        var seconds: [Double]?
        // expm
        var choice: Choice?
    }

    /// What the implementation chose, as far as it reports it.
    struct Choice: Decodable {
        var approximant: String?
        var degree: Int?
        var scaling: Int?
    }
}

/// What a worker says of itself in its reply to `hello`.
public struct WorkerHello: Sendable, Codable, Equatable {
    public var name: String
    /// Library name → version, as the worker reports them.
    public var versions: [String: String]
    /// The precisions it computes in (those the harness knows).
    public var precisions: [String]
    /// Whether its replies to `expm` carry the choice of degree and scaling.
    public var reportsChoice: Bool
    /// The BLAS its library uses, when it says.
    public var blas: String?
}
