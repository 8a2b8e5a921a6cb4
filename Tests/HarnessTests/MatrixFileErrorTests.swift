@testable import FileIO
import Foundation
import Linalg
import Testing

@Suite("Matrix files: malformed input")
struct MatrixFileErrorTests {
    typealias K = MatrixFileError.Kind

    /// Each malformed Matrix Market text gives its own error on the line that is wrong.
    @Test("Matrix Market errors name the right kind and line", arguments: [
        ("", K.badHeader("the file is empty; the first line must start with '%%MatrixMarket'"), 1),
        ("hello\n", .badHeader("the first line must start with '%%MatrixMarket'"), 1),
        ("%%MatrixMarket matrix array real\n", .badHeader("expected '%%MatrixMarket matrix <array|coordinate> <real|complex|integer> <general|symmetric|skew-symmetric|hermitian>'"), 1),
        ("%%MatrixMarket matrix array pattern general\n", .unsupported("field 'pattern' is not supported (real, complex or integer)"), 1),
        ("%%MatrixMarket matrix array real hermitian\n", .unsupported("hermitian needs the complex field, got 'real'"), 1),
        ("%%MatrixMarket matrix array real general\n% only comments\n", .badSize("the file ends before the size line"), 2),
        ("%%MatrixMarket matrix array real general\n2 3\n", .notSquare(rows: 2, cols: 3), 2),
        ("%%MatrixMarket matrix array real general\n%\n5000 5000\n", .tooLarge(order: 5000, limit: 4096), 3),
        ("%%MatrixMarket matrix array real general\n2 2 4\n", .badSize("the size line must hold 2 integers (rows cols), got 3 field(s)"), 2),
        ("%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n", .tooFewEntries(expected: 4, found: 3), 5),
        ("%%MatrixMarket matrix array real general\n1 1\n1\n\n2\n", .tooManyEntries(expected: 1), 5),
        ("%%MatrixMarket matrix array real general\n1 1\n0x10\n", .badEntry("'0x10' is hexadecimal; Matrix Market numbers are decimal (e.g. 16, 1.5e-3)"), 3),
        ("%%MatrixMarket matrix array real general\n1 1\n0x1p3\n", .badEntry("'0x1p3' is hexadecimal; Matrix Market numbers are decimal (e.g. 16, 1.5e-3)"), 3),
        ("%%MatrixMarket matrix array real general\n1 1\n1\0\n", .badEntry("a NUL byte: a Matrix Market file is text (is this a binary file?)"), 3),
        ("%%MatrixMarket matrix array real general\n0 0\n", .badSize(MatrixFile.emptyInput), 2),
        ("%%MatrixMarket matrix array real general\n9223372036854775808 1\n", .badEntry("9223372036854775808 is beyond the integers this reader holds (±9223372036854775807)"), 2),
        ("%%MatrixMarket matrix array real general\n1 1\nNaN\n", .nonFinite("NaN"), 3),
        ("%%MatrixMarket matrix array real general\n1 1\n-inf\n", .nonFinite("-inf"), 3),
        ("%%MatrixMarket matrix array real general\n1 1\n1e999\n", .nonFinite("1e999"), 3),
        ("%%MatrixMarket matrix array real general\n1 1\n1,5\n", .badNumber("1,5"), 3),
        ("%%MatrixMarket matrix array integer general\n1 1\n1.5\n", .badNumber("1.5"), 3),
        ("%%MatrixMarket matrix array complex general\n1 1\n1\n", .badEntry("an entry of a complex file has 2 field(s), got 1"), 3),
        ("%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n", .indexOutOfRange(row: 3, col: 1, order: 2), 3),
        ("%%MatrixMarket matrix coordinate real general\n2 2 1\n0 1 1\n", .indexOutOfRange(row: 0, col: 1, order: 2), 3),
        ("%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1\n%\n1 1 2\n", .duplicate(row: 1, col: 1, firstLine: 3), 5),
        ("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n", .tooFewEntries(expected: 2, found: 1), 3),
        ("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 2\n", .tooManyEntries(expected: 1), 4),
        ("%%MatrixMarket matrix coordinate real general\n2 2 5\n", .badSize("5 entries cannot fit in the 4 positions a general 2×2 file stores"), 2),
        ("%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 2 1\n", .badEntry("entry (1, 2) is not in the lower triangle, which is all a symmetric file stores"), 3),
        ("%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n1 1 1\n", .badEntry("entry (1, 1) is not in the strictly lower triangle, which is all a skew-symmetric file stores"), 3),
        ("%%MatrixMarket matrix coordinate complex hermitian\n2 2 1\n1 1 1 2\n", .badEntry("a hermitian matrix has a real diagonal; entry (1, 1) has imaginary part 2.0"), 3),
    ])
    func matrixMarket(text: String, kind: K, line: Int) {
        do {
            _ = try MatrixMarketReader.parse(Data(text.utf8), path: "bad.mtx")
            Issue.record("accepted: \(text)")
        } catch let e as MatrixFileError {
            #expect(e.kind == kind)
            #expect(e.line == line, "\(e)")
            #expect(e.description.hasPrefix("bad.mtx:\(line): "))
        } catch { Issue.record("unexpected error \(error)") }
    }

    @Test(".npy errors name the right kind and byte offset")
    func numpy() {
        let good = [UInt8](NumPyWriter.data(real: Matrix(order: 2) { i, j in Double(i + j) }))
        let dataStart = good.count - 32
        func header(_ dict: String) -> [UInt8] {
            [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(dict.utf8.count), 0] + Array(dict.utf8)
        }
        let cases: [([UInt8], K, Int)] = [
            (Array("NOTNUMPY..".utf8), .badHeader("not a .npy file (no \\x93NUMPY magic)"), 0),
            (Array(good[0..<7]), .truncated("the file ends inside the .npy preamble"), 7),
            ([0x93] + Array("NUMPY".utf8) + [4, 0, 0, 0], .unsupported("format version 4.0 is not supported (1.0, 2.0, 3.0)"), 6),
            (Array(good[0..<40]), .truncated("the file ends inside the header (118 bytes announced)"), 40),
            (header("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }"), .unsupported("dtype '<i8' is not supported (<f4, <f8, <c8, <c16 or their > big-endian forms)"), 8),
            (header("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), .badSize("a 1-D array; expected a 2-D square matrix, shape [3]"), 8),
            (header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"), .notSquare(rows: 2, cols: 3), 8),
            (header("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }"), .tooLarge(order: 100000, limit: 4096), 8),
            (header("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2, 2), }"), .badHeader("malformed header dictionary: a value must be a quoted string, True, False or a tuple of integers; found 'Maybe' at character 34"), 10),
            (header("{'descr': '<f8', 'fortran_order': , 'shape': (2, 2), }"), .badHeader("malformed header dictionary: a value must be a quoted string, True, False or a tuple of integers; found ',' at character 34"), 10),
            (header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }"), .badHeader("malformed shape: 'x' is not a dimension (a non-negative integer)"), 10),
            (header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), } junk"), .badHeader("text after the header dictionary's closing brace: 'junk'"), 10),
            (header("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 0), }"), .badSize(MatrixFile.emptyInput), 8),
            (Array(good[0..<7]) + [1] + Array(good[8...]), .unsupported("format version 1.1 is not supported (1.0, 2.0, 3.0)"), 7),
            ([0x93] + Array("NUMPY".utf8) + [3, 0, 4, 0, 0, 0] + [0x7B, 0xFF, 0xFE, 0x7D], .badHeader("the version 3.0 header is not valid UTF-8"), 12),
            (header("{'descr': '<f8', 'shape': (2, 2), }"), .badHeader("the header has no 'fortran_order' boolean"), 10),
            (Array(good.dropLast(3)), .truncated("the data ends after 29 of 32 bytes (2×2 <f8)"), good.count - 3),
            (good + [0], .trailingBytes(1), good.count),
            (Array(good[0..<(dataStart + 8)]) + withUnsafeBytes(of: Double.nan.bitPattern.littleEndian, Array.init) + Array(good[(dataStart + 16)...]),
             .nonFinite("nan at (1, 0)"), dataStart + 8),
        ]
        for (bytes, kind, offset) in cases {
            do {
                _ = try NumPyReader.parse(Data(bytes), path: "bad.npy")
                Issue.record("accepted: \(kind)")
            } catch let e as MatrixFileError {
                #expect(e.kind == kind)
                #expect(e.location == .byte(offset), "\(e)")
            } catch { Issue.record("unexpected error \(error)") }
        }
    }

    @Test("files: unknown extension and missing file are clear errors")
    func files() {
        let missing = #expect(throws: MatrixFileError.self) { try MatrixFile.read("/nonexistent/a.mtx") }
        #expect(missing?.description.hasPrefix("/nonexistent/a.mtx") == true, "\(String(describing: missing))")
        let unknown = #expect(throws: MatrixFileError.self) { try MatrixFile.read("x.csv") }
        #expect(unknown?.description == "x.csv: unknown extension; expected .mtx or .npy")
    }

    @Test("what is not a readable regular file is named for what it is", arguments: ["directory", "fifo"])
    func notRegular(kind: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nonregular-\(getpid())-\(kind)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.mtx").path
        if kind == "directory" { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) }
        else { #expect(mkfifo(path, 0o600) == 0) }
        let e = #expect(throws: MatrixFileError.self) { try MatrixFile.read(path) }
        let expected = kind == "directory" ? "it is a directory" : "it is a FIFO (named pipe)"
        #expect(e?.kind == .unreadable("\(expected); give a .mtx or .npy file"), "\(String(describing: e))")
    }

    @Test("a result file may hold NaN and ±Inf when read as a result, never as an input")
    func nonFiniteResults() throws {
        let text = "%%MatrixMarket matrix array real general\n2 2\nNaN\ninf\n-inf\n1e999\n"
        #expect(throws: MatrixFileError.self) { try MatrixMarketReader.parse(Data(text.utf8), path: "x.mtx") }
        let m = try MatrixMarketReader.parse(Data(text.utf8), path: "x.mtx", asResult: true)
        #expect(m.real[0, 0].isNaN && m.real[1, 0] == .infinity && m.real[0, 1] == -.infinity && m.real[1, 1] == .infinity)
        #expect(m.storedPrecision == nil)
        let npy = NumPyWriter.data(real: Matrix(rows: 1, cols: 1, elements: [.nan]), dtype: .f4)
        #expect(throws: MatrixFileError.self) { try NumPyReader.parse(npy, path: "x.npy") }
        let x = try NumPyReader.parse(npy, path: "x.npy", asResult: true)
        #expect(x.real[0, 0].isNaN && x.storedPrecision == .float32)
    }
}
