/// Why a matrix file was refused, where (line for Matrix Market, byte offset for .npy) and in
/// which file. `description` is the one-line message shown to people: `path:line: message`.
public struct MatrixFileError: Error, Equatable, CustomStringConvertible {
    /// Where in the file the problem was found.
    public enum Location: Equatable, Sendable {
        /// 1-based line of a text file.
        case line(Int)
        /// 0-based byte offset of a binary file.
        case byte(Int)
        /// The file as a whole (it could not be opened, or its name has no known extension).
        case file
    }

    /// What is wrong.
    public enum Kind: Equatable, Sendable {
        /// The file could not be read at all.
        case unreadable(String)
        /// The first line (Matrix Market banner) or the magic and header (.npy) are not as required.
        case badHeader(String)
        /// A well-formed header asking for something this reader does not handle.
        case unsupported(String)
        /// The size line or shape is malformed.
        case badSize(String)
        case notSquare(rows: Int, cols: Int)
        /// A claimed order above `MatrixFile.maxOrder`, refused before allocating.
        case tooLarge(order: Int, limit: Int)
        /// The file ended after `found` of `expected` entries.
        case tooFewEntries(expected: Int, found: Int)
        /// An entry beyond the `expected` ones.
        case tooManyEntries(expected: Int)
        /// A data line with the wrong number of fields, or an entry the symmetry forbids.
        case badEntry(String)
        /// A token that is not a number of the file's field.
        case badNumber(String)
        /// NaN or ±Inf (or a decimal that overflows Double).
        case nonFinite(String)
        /// A coordinate entry's 1-based (row, col) outside 1...order.
        case indexOutOfRange(row: Int, col: Int, order: Int)
        /// A coordinate entry given twice; `firstLine` is where it first appeared.
        case duplicate(row: Int, col: Int, firstLine: Int)
        /// A binary file shorter than its header promises.
        case truncated(String)
        /// Bytes after the last entry of a binary file.
        case trailingBytes(Int)
    }

    public var path: String
    public var location: Location
    public var kind: Kind

    public init(path: String, _ location: Location, _ kind: Kind) {
        self.path = path
        self.location = location
        self.kind = kind
    }

    /// The 1-based line, for errors located by line.
    public var line: Int? { if case .line(let l) = location { return l } else { return nil } }

    public var description: String {
        switch location {
        case .line(let l): return "\(path):\(l): \(message)"
        case .byte(let b): return "\(path): at byte \(b): \(message)"
        case .file: return "\(path): \(message)"
        }
    }

    /// The message with its place in the file but without the path, e.g. "line 3: …".
    public var locatedMessage: String {
        switch location {
        case .line(let l): return "line \(l): \(message)"
        case .byte(let b): return "byte \(b): \(message)"
        case .file: return message
        }
    }

    /// The message without the location.
    public var message: String {
        switch kind {
        case .unreadable(let m): return "cannot read the file: \(m)"
        case .badHeader(let m), .unsupported(let m), .badSize(let m), .badEntry(let m), .truncated(let m): return m
        case .notSquare(let r, let c): return "the matrix is \(r)×\(c); exp needs a square matrix"
        case .tooLarge(let n, let limit): return "order \(n) is above the supported maximum \(limit)"
        case .tooFewEntries(let e, let f): return "the file ends after \(f) of \(e) entries"
        case .tooManyEntries(let e): return "more entries than the \(e) the header announces"
        case .badNumber(let t): return "'\(t)' is not a number"
        case .nonFinite(let t): return "entry '\(t)' is not finite (NaN or ±Inf is not accepted)"
        case .indexOutOfRange(let i, let j, let n): return "index (\(i), \(j)) is outside 1…\(n)"
        case .duplicate(let i, let j, let first): return "entry (\(i), \(j)) given again (first on line \(first)); duplicates are refused, not summed"
        case .trailingBytes(let k): return "\(k) byte(s) after the last entry"
        }
    }
}
