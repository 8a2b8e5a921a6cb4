import Foundation

/// One worker process: started by `/bin/sh -c COMMAND`, spoken to in lines on its stdin and stdout,
/// its stderr kept as a tail for error messages. Reading waits at most a given time; a worker that
/// exits is seen as the end of its output. Thread-safe.
///
/// Its stdout and stderr are drained by two threads doing blocking reads on the pipes (not Foundation's
/// readability handlers, which race with closing on Linux); each ends when the worker closes its end.
final class WorkerProcess: @unchecked Sendable {
    enum ReadResult: Equatable {
        case line(String)
        /// The worker closed its stdout (it exited, or is about to).
        case endOfOutput
        case timedOut
    }

    let command: String
    private let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private let out = LineBuffer(keep: .max), err = LineBuffer(keep: 8)

    /// Starts `command` with `environment` added to the harness's own. Throws when it cannot start.
    init(command: String, environment: [String: String]) throws {
        Self.ignoreBrokenPipes
        self.command = command
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec " + command]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        Self.drain(output.fileHandleForReading.fileDescriptor, into: out)
        Self.drain(errors.fileHandleForReading.fileDescriptor, into: err)
    }

    deinit { stop() }

    /// Writing to a worker that has exited must be an error to handle, not a signal that ends the harness.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// A thread that reads `pipe` until end of file into `buffer`. It reads its own duplicate of the
    /// descriptor and closes it at the end, so that closing the pipe here cannot hand the number to
    /// another file under the thread.
    private static func drain(_ pipe: Int32, into buffer: LineBuffer) {
        let fd = dup(pipe)
        guard fd >= 0 else { return buffer.close() }
        let thread = Thread {
            defer { Glibc.close(fd) }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if got > 0 {
                    buffer.append(chunk[0..<got])
                } else if got < 0 && errno == EINTR {
                    continue
                } else {
                    buffer.close()
                    return
                }
            }
        }
        thread.start()
    }

    /// Sends one line (a newline is added). Throws when the worker no longer reads.
    func send(_ line: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The next line of stdout, waiting at most `timeout` seconds.
    func readLine(timeout: Double) -> ReadResult { out.next(timeout: timeout) }

    /// The last lines the worker wrote to stderr since `forgetStderr`.
    var stderr: [String] { err.tail }

    /// Drops the stderr kept so far, so that a failure shows what the worker wrote during that call.
    func forgetStderr() { err.clear() }

    /// The exit status, or the signal that ended it, once it has ended; nil while it runs.
    var termination: String? {
        guard !process.isRunning else { return nil }
        return process.terminationReason == .uncaughtSignal
            ? "killed by signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
    }

    /// Ends the worker: its stdin is closed, then it is killed if still running after a short grace.
    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(0.5)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }

    /// Waits (at most `timeout` seconds) for the worker to exit on its own.
    func waitForExit(timeout: Double) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
    }
}

/// Bytes arriving from a pipe, cut into lines; `next` waits for one. Keeps the last `keep` lines.
final class LineBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private let arrived = DispatchSemaphore(value: 0)
    private var lines: [String] = []
    private var partial: [UInt8] = []
    private var closed = false
    private let keep: Int

    init(keep: Int) { self.keep = keep }

    func append(_ bytes: ArraySlice<UInt8>) {
        var complete = 0
        lock.withLock {
            for b in bytes {
                if b == UInt8(ascii: "\n") {
                    lines.append(String(decoding: partial, as: UTF8.self))
                    partial.removeAll(keepingCapacity: true)
                    complete += 1
                } else {
                    partial.append(b)
                }
            }
            if lines.count > keep { lines.removeFirst(lines.count - keep) }
        }
        for _ in 0..<complete { arrived.signal() }
    }

    func close() {
        lock.withLock { closed = true }
        arrived.signal()
    }

    /// The next whole line, `.endOfOutput` once the pipe is closed and drained, or `.timedOut`.
    func next(timeout: Double) -> WorkerProcess.ReadResult {
        let deadline = DispatchTime.now() + timeout
        while true {
            let (line, ended): (String?, Bool) = lock.withLock {
                lines.isEmpty ? (nil, closed) : (lines.removeFirst(), false)
            }
            if let line { return .line(line) }
            if ended {
                arrived.signal()  // later readers see the end too
                return .endOfOutput
            }
            if arrived.wait(timeout: deadline) == .timedOut { return .timedOut }
        }
    }

    /// Drops the lines kept (not the end of output).
    func clear() { lock.withLock { lines.removeAll(); partial.removeAll() } }

    /// The lines kept, and an unfinished last line.
    var tail: [String] {
        lock.withLock { lines + (partial.isEmpty ? [] : [String(decoding: partial, as: UTF8.self)]) }
    }
}
