import Foundation

import CBLAS

/// The BLAS library's thread pool: fixed by the harness before measuring, and recorded in reports.
public enum BLASThreads {
    /// Sets the number of threads OpenBLAS uses for every later call.
    public static func set(_ n: Int) {
        precondition(n >= 1, "BLAS thread count must be at least 1")
        openblas_set_num_threads(Int32(n))
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
