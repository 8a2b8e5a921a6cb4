import Foundation

/// Reading user matrices by file extension: `.mtx` (Matrix Market) or `.npy` (NumPy).
public enum MatrixFile {
    /// Largest order accepted from a file; larger claims are refused before allocating.
    public static let maxOrder = 4096

    /// The formats, by extension.
    public enum Format: String, CaseIterable, Sendable {
        case matrixMarket = "mtx"
        case numpy = "npy"

        /// The format of `path` from its extension (case-insensitive), or nil.
        public init?(path: String) {
            self.init(rawValue: (path as NSString).pathExtension.lowercased())
        }
    }

    /// The matrix in `path`, or a `MatrixFileError` naming the file and the place. NaN and ±Inf are
    /// refused (an input to exp must be finite) unless `asResult`, for a computed result, which may hold
    /// them (and, in a .npy file, be 0×0).
    public static func read(_ path: String, asResult: Bool = false) throws -> UserMatrix {
        guard let format = Format(path: path) else {
            throw MatrixFileError(path: path, .file, .unsupported("unknown extension; expected .mtx or .npy"))
        }
        let data = try contents(path)
        switch format {
        case .matrixMarket: return try MatrixMarketReader.parse(data, path: path, asResult: asResult)
        case .numpy: return try NumPyReader.parse(data, path: path, asResult: asResult)
        }
    }

    /// The files of `dir` with a known extension, sorted by name (not recursive).
    public static func list(directory dir: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: dir)
                .filter { Format(path: $0) != nil }.sorted().map { (dir as NSString).appendingPathComponent($0) }
        } catch {
            throw MatrixFileError(path: dir, .file, .unreadable(error.localizedDescription))
        }
    }

    static func contents(_ path: String) throws -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw MatrixFileError(path: path, .file, .unreadable(error.localizedDescription))
        }
    }

    /// The name reports use for `path`: its last component.
    static func name(_ path: String) -> String { (path as NSString).lastPathComponent }
}
