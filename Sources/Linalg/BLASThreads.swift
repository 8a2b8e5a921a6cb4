import Foundation

import CBLAS

/// The BLAS library's thread pool: fixed by the harness before measuring, and recorded in reports.
public enum BLASThreads {
    /// Sets the number of threads OpenBLAS uses for every later call.
    public static func set(_ n: Int) {
        precondition(n >= 1, "BLAS thread count must be at least 1")
        openblas_set_num_threads(Int32(n))
    }

    /// Stops OpenBLAS's worker threads, which otherwise keep spinning for a while after each call: a
    /// library timed in another process on the same cores (an external candidate) would find them
    /// competing with its own threads (measured: PyTorch's 64×64 float32 product took 16 ms instead of
    /// 20 µs right after a native candidate's timing, on 2 threads). OpenBLAS starts its threads again
    /// at its next threaded call. Uses `blas_thread_shutdown_` (what OpenBLAS's own fork handler calls)
    /// when the library exports it, and does nothing otherwise. Call it only while no BLAS call runs.
    public static func quiesce() {
        typealias Shutdown = @convention(c) () -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }

    /// The number of threads OpenBLAS currently uses.
    public static var current: Int { Int(openblas_get_num_threads()) }

    /// OpenBLAS's build configuration and the kernel it picked for this CPU, e.g. "OpenBLAS 0.3.21 … / Zen".
    public static var libraryDescription: String {
        let config = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return "\(config.trimmingCharacters(in: .whitespaces)); kernel \(core)"
    }
}
