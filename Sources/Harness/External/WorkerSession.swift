import Candidates
import FileIO
import Foundation
import Linalg

/// How long a worker may take to answer: `base` seconds, plus `perCubed`·n³ for each call a request
/// makes (the first call and every repeat). The defaults allow 30 s to start and import, and about
/// 0.1 µs per n³ per call: 110 s per call at n = 1024, some 100 times what SciPy's expm takes there on
/// this machine, so that only a hang reaches it.
public struct WorkerTimeouts: Sendable, Equatable {
    public var base = 30.0
    public var perCubed = 1e-7

    public init(base: Double = 30, perCubed: Double = 1e-7) {
        (self.base, self.perCubed) = (base, perCubed)
    }

    func seconds(n: Int, calls: Int) -> Double {
        base + Double(calls) * perCubed * Double(n) * Double(n) * Double(n)
    }

    /// For a request under `plan`: its repeats and first call, one call more than the repeats' total
    /// time can overrun by, and that total.
    func seconds(n: Int, plan: RepeatPlan) -> Double {
        seconds(n: n, calls: plan.repeats + 2) + plan.minSeconds
    }
}

/// A worker that cannot be started: the one clear error for a command that does not work.
public struct WorkerStartError: Error, CustomStringConvertible {
    public var description: String
}

/// One external implementation behind the worker protocol: starts its worker once (start-up and imports
/// are never timed), keeps it between calls, and after a crash, a hang or a reply outside the protocol
/// stops it and starts a new one for the next call. Each failure is a `CandidateFailure` that says how
/// the call ended, with the worker's exit status and the last lines of its stderr. Thread-safe; calls
/// are serialised.
public final class WorkerSession: @unchecked Sendable {
    public let name: String
    public let command: String
    public let timeouts: WorkerTimeouts
    /// What the worker said when it first started.
    public private(set) var hello: WorkerHello
    private let lock = NSLock()
    private let directory: URL
    private var worker: WorkerProcess?

    /// The environment a worker gets besides the harness's own: its directory, and when `threads` is
    /// given, that thread count for the libraries that read the usual variables (OpenMP, MKL, OpenBLAS), so
    /// that a library is timed with the threads the native candidates' BLAS has.
    private let environment: [String: String]

    /// Starts `command` and asks it `hello`. Throws `WorkerStartError` naming the command when it does not
    /// start, does not answer, or answers outside the protocol.
    public init(name: String, command: String, timeouts: WorkerTimeouts = WorkerTimeouts(), threads: Int? = nil) throws {
        self.name = name
        self.command = command
        self.timeouts = timeouts
        directory = Self.scratchRoot.appendingPathComponent("expm-harness-worker-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var environment = ["EXPM_WORKER_DIR": directory.path]
        if let threads {
            for key in ["OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"] { environment[key] = String(threads) }
        }
        self.environment = environment
        hello = WorkerHello(name: name, versions: [:], precisions: [], reportsChoice: false)
        do {
            hello = try lock.withLock { try startLocked() }
        } catch {
            throw WorkerStartError(description: "worker '\(name)' (`\(command)`) did not start: \(error)")
        }
    }

    /// Where the private directories go: memory-backed `/dev/shm` when the machine has one we may write
    /// in, else the temporary directory. Measured here: writing an n = 64 float64 file and deleting it
    /// costs ~30 µs in `/dev/shm` and ~210 µs on the disk-backed `/tmp`; n = 1024, 4 ms against 7 ms.
    static var scratchRoot: URL {
        let shm = "/dev/shm"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: shm, isDirectory: &isDirectory), isDirectory.boolValue,
           FileManager.default.isWritableFile(atPath: shm) {
            return URL(fileURLWithPath: shm)
        }
        return FileManager.default.temporaryDirectory
    }

    deinit {
        if let worker {
            try? worker.send(Self.encode(.bye))
            worker.waitForExit(timeout: 0.5)
            worker.stop()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// exp(A) computed by the worker in `precision` (A already as that precision holds it), with the
    /// first call's time and those of `repeats` more, its choice when it reports one, and the request's
    /// wall time outside those calls.
    func expm(_ a: Matrix<Double>, precision: Precision, plan: RepeatPlan)
        throws -> (value: Matrix<Double>, choice: ExpmChoice?, first: Double, seconds: [Double], transport: Double)
    {
        try lock.withLock {
            let start = ContinuousClock.now
            let inURL = directory.appendingPathComponent("in.npy")
            let outURL = directory.appendingPathComponent("out.npy")
            // The same two files every call, overwritten in place: on this machine a fresh 512 KB file
            // costs 4× the time of rewriting one (the memory of a new file is allocated and zeroed).
            try ScratchFile.overwrite(inURL.path, with: NumPyWriter.data(real: a, dtype: precision == .float32 ? .f4 : .f8))
            // A worker that writes no result must not leave the previous call's to be read as this one's.
            defer { ScratchFile.spoil(outURL.path) }
            let reply = try callLocked(.expm(input: inURL.path, output: outURL.path, precision: precision.rawValue,
                                             repeats: plan.repeats, minSeconds: plan.minSeconds, maxRepeats: plan.maxRepeats),
                                       timeout: timeouts.seconds(n: a.rows, plan: plan))
            let value = try readResult(outURL, order: a.rows, precision: precision)
            guard let first = reply.firstSeconds, let seconds = reply.seconds, Self.fits(seconds.count, plan) else {
                throw failLocked(.badOutput, "the reply to expm lacks first_seconds or \(plan.repeats)…\(plan.maxRepeats) seconds")
            }
            let choice = reply.choice.map { c in
                ExpmChoice(approximant: c.approximant ?? "not reported", degree: c.degree, scaling: c.scaling)
            }
            // Everything but the calls the worker timed: file writes and reads, pipes, JSON, Python's loop.
            let transport = (ContinuousClock.now - start).inSeconds - first - seconds.reduce(0, +)
            return (value, choice, first, seconds, transport)
        }
    }

    /// The worker's own n×n product in `precision`: the first call's time and those of `repeats` more.
    func matmul(n: Int, precision: Precision, plan: RepeatPlan) throws -> (first: Double, seconds: [Double]) {
        try lock.withLock {
            let reply = try callLocked(.matmul(n: n, precision: precision.rawValue, repeats: plan.repeats,
                                               minSeconds: plan.minSeconds, maxRepeats: plan.maxRepeats),
                                       timeout: timeouts.seconds(n: n, plan: plan))
            guard let first = reply.firstSeconds, let seconds = reply.seconds, Self.fits(seconds.count, plan) else {
                throw failLocked(.badOutput, "the reply to matmul lacks first_seconds or \(plan.repeats)…\(plan.maxRepeats) seconds")
            }
            return (first, seconds)
        }
    }

    /// A worker that ignores `min_seconds` answers exactly `repeats` times; one that honours it, up to
    /// `maxRepeats`.
    private static func fits(_ count: Int, _ plan: RepeatPlan) -> Bool {
        (plan.repeats...plan.maxRepeats).contains(count)
    }

    // MARK: the conversation (callers hold the lock)

    private func startLocked() throws -> WorkerHello {
        let w = try WorkerProcess(command: command, environment: environment)
        worker = w
        let reply = try callLocked(.hello, timeout: timeouts.base)
        guard reply.protocol == WorkerProtocol.version, let name = reply.name else {
            throw failLocked(.badOutput, "hello must answer protocol \(WorkerProtocol.version) and a name; got protocol \(reply.protocol.map(String.init) ?? "none")")
        }
        return WorkerHello(name: name, versions: reply.versions ?? [:], precisions: reply.precisions ?? [],
                           reportsChoice: reply.reportsChoice ?? false, blas: reply.blas)
    }

    /// Sends `request` and returns the worker's `ok` reply; throws a `CandidateFailure` for anything else.
    private func callLocked(_ request: WorkerProtocol.Request, timeout: Double) throws -> WorkerProtocol.Reply {
        if worker == nil { _ = try restartLocked() }
        guard let w = worker else { throw CandidateFailure(.crashed, "the worker is not running") }
        w.forgetStderr()
        do { try w.send(Self.encode(request)) } catch {
            throw failLocked(.crashed, "the worker no longer reads its input")
        }
        switch w.readLine(timeout: timeout) {
        case .timedOut:
            throw failLocked(.timedOut, "no reply to \(request.op) within \(String(format: "%.0f", timeout)) s")
        case .endOfOutput:
            w.waitForExit(timeout: 1)
            throw failLocked(.crashed, "the worker ended during \(request.op)")
        case .line(let line):
            guard let reply = try? JSONDecoder.snakeCase.decode(WorkerProtocol.Reply.self, from: Data(line.utf8)) else {
                throw failLocked(.badOutput, "not a protocol reply to \(request.op): '\(line.prefix(120))'")
            }
            guard reply.ok else { throw CandidateFailure(.refused, reply.error ?? "the worker declined without a message") }
            return reply
        }
    }

    /// A new worker after a failure; its own failure to start is a crash of the call that needed it.
    private func restartLocked() throws -> WorkerHello {
        do { return try startLocked() } catch let f as CandidateFailure {
            throw CandidateFailure(.crashed, "restarting the worker failed: \(f.message)")
        }
    }

    /// Stops the worker (the next call starts a new one) and returns the failure, with the worker's exit
    /// status and stderr tail.
    private func failLocked(_ outcome: Outcome, _ what: String) -> CandidateFailure {
        var message = what
        if let w = worker {
            if outcome != .crashed { w.stop() }
            w.waitForExit(timeout: 1)
            if let t = w.termination { message += " (\(t))" }
            let tail = w.stderr.filter { !$0.isEmpty }
            if !tail.isEmpty { message += "; stderr: " + tail.suffix(4).joined(separator: " | ") }
            w.stop()
        }
        worker = nil
        return CandidateFailure(outcome, message)
    }

    /// The result file: n×n, in the requested precision's dtype; NaN and ±Inf are read (and judged).
    private func readResult(_ url: URL, order n: Int, precision: Precision) throws -> Matrix<Double> {
        let m: UserMatrix
        do { m = try MatrixFile.read(url.path, asResult: true) } catch {
            throw failLocked(.badOutput, "the result file: \((error as? MatrixFileError)?.locatedMessage ?? String(describing: error))")
        }
        guard m.order == n, !m.isComplex else {
            throw failLocked(.badOutput, "the result is \(m.order)×\(m.order)\(m.isComplex ? " complex" : ""), expected \(n)×\(n) real")
        }
        guard m.storedPrecision == precision else {
            throw failLocked(.badOutput, "the result is \(m.storedPrecision?.rawValue ?? "text"), expected \(precision)")
        }
        return m.real
    }

    private static func encode(_ request: WorkerProtocol.Request) -> String {
        // Encoding these plain fields cannot fail.
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(request)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

extension JSONDecoder {
    /// Protocol replies use snake_case keys.
    static var snakeCase: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }
}
