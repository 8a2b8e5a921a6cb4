import Foundation
import FileIO
import Glibc

/// The worker protocol's exchange files, rewritten in place rather than created anew for each call.
enum ScratchFile {
    /// Writes `data` over the file at `path` (created, owner-only, if missing) and cuts it to that length,
    /// keeping the file's memory when its size does not change.
    static func overwrite(_ path: String, with data: Data) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HarnessError.io("cannot write the worker's input \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return ftruncate(fd, off_t(raw.count)) == 0
        }
        guard written else { throw HarnessError.io("cannot write the worker's input \(path): \(String(cString: strerror(errno)))") }
    }

    /// Zeroes the first bytes of the file at `path`, if there is one, so that it no longer reads as a `.npy`.
    static func spoil(_ path: String) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        let zeros = [UInt8](repeating: 0, count: 8)
        _ = zeros.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        close(fd)
    }
}
