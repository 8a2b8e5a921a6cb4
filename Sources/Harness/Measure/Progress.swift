import Foundation

/// One progress line on stderr for long runs: rewritten in place on a terminal, one line per
/// step otherwise (CI logs). Thread-safe.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let isTerminal = isatty(2) == 1
    private let lock = NSLock()
    private var lastWasInPlace = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ message: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + message).utf8))
            lastWasInPlace = true
        } else {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
    }

    /// Ends an in-place line so that later output starts on a fresh line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if lastWasInPlace { FileHandle.standardError.write(Data("\n".utf8)) }
        lastWasInPlace = false
    }
}
