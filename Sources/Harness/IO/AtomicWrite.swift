import Foundation

/// Writes files so that a reader (or an interrupted run) never sees a half-written file:
/// the bytes go to a temporary file in the same directory, which is then renamed over the target.
public enum AtomicWrite {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
