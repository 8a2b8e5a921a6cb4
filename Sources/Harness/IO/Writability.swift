import Foundation
import Glibc

/// Checks, before any work, that an output can be written, without creating it: a command refused
/// afterwards must leave nothing behind. The test is a probe file created and removed in the directory
/// that will receive the output, or in its nearest existing ancestor when it does not exist yet
/// (permission bits alone mislead: root may write anywhere but into /proc).
public enum Writability {
    /// A directory that exists and takes files, or can be created under its nearest existing ancestor.
    public static func directory(_ path: String) throws {
        try probe(nearestExisting(path), for: path)
    }

    /// A file that can be written: not a directory, and its directory writable (or creatable).
    public static func file(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw HarnessError.io("'\(path)' is a directory, not a file")
        }
        try probe(nearestExisting(parent(of: path)), for: path)
    }

    /// `path` itself when it exists, else its closest existing ancestor.
    private static func nearestExisting(_ path: String) -> String {
        var p = path.isEmpty ? "." : path
        while !FileManager.default.fileExists(atPath: p) && p != "/" && p != "." {
            p = parent(of: p)
        }
        return p
    }

    /// The directory part of `path`: "." for a bare name, "/" at the root. (Foundation's
    /// `deletingLastPathComponent` traps on a bare relative name on Linux.)
    static func parent(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "." }
        return slash == p.startIndex ? "/" : String(p[..<slash])
    }

    private static func probe(_ dir: String, for target: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw HarnessError.io("cannot write '\(target)': '\(dir)' is not a directory")
        }
        let probe = (dir as NSString).appendingPathComponent(".expm-harness-probe-\(getpid())")
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw HarnessError.io("cannot write '\(target)': '\(dir)' does not take new files (\(String(cString: strerror(errno))))")
        }
        close(fd)
        unlink(probe)
    }
}
