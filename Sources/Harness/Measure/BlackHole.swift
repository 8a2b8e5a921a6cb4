import Foundation

/// Keeps a timed computation's result alive so that the optimiser cannot drop the work that made it
/// (the role of swift-numerics' and the Swift benchmark suite's `blackHole`). The value is stored in a
/// global sink, an effect no optimisation may remove; storing a reference costs nanoseconds, nothing
/// beside a matrix product.
@inline(never)
public func blackHole<T>(_ x: T) {
    BlackHoleSink.shared.value = x
}

/// The sink `blackHole` writes to. Timing runs on one thread; the lock only keeps a concurrent caller safe.
final class BlackHoleSink: @unchecked Sendable {
    static let shared = BlackHoleSink()
    private let lock = NSLock()
    private var stored: Any?
    var value: Any? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
