import Foundation

/// Reading user matrices by file extension: `.mtx` (Matrix Market) or `.npy` (NumPy).
public enum MatrixFile {
    /// Largest order accepted from a file; larger claims are refused before allocating.
    public static let maxOrder = 4096

    /// Why a 0×0 input is refused: on purpose, since there is nothing to certify or judge; the empty
    /// matrix itself is tested by the suite's literature case.
    static let emptyInput = "an empty (0×0) matrix is not accepted as input: exp of it is 0×0, with nothing to certify; "
        + "the suite's literature-scipy-0x0 case runs the empty matrix through every candidate"

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
        try checkRegularFile(path)
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw MatrixFileError(path: path, .file, .unreadable(error.localizedDescription))
        }
    }

    /// Refuses, in words, what is not a readable regular file: a missing path, a directory, a FIFO, a
    /// socket or a device (reading a FIFO would wait for a writer), or a file without read permission.
    static func checkRegularFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw MatrixFileError(path: path, .file, .unreadable(errno == ENOENT ? "no such file" : String(cString: strerror(errno))))
        }
        let kind: String?
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = nil
        case S_IFDIR: kind = "a directory"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFSOCK: kind = "a socket"
        case S_IFCHR, S_IFBLK: kind = "a device"
        default: kind = "not a regular file"
        }
        if let kind {
            throw MatrixFileError(path: path, .file, .unreadable("it is \(kind); give a .mtx or .npy file"))
        }
        guard access(path, R_OK) == 0 else {
            throw MatrixFileError(path: path, .file, .unreadable("no permission to read it"))
        }
    }

    /// The name reports use for `path`: its last component.
    static func name(_ path: String) -> String { (path as NSString).lastPathComponent }
}
