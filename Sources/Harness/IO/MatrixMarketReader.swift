import Foundation
import Linalg

/// Reads Matrix Market files (https://math.nist.gov/MatrixMarket/formats.html): array and
/// coordinate formats; real, integer and complex fields; general, symmetric, skew-symmetric and
/// (complex) hermitian symmetry. Comment lines (`%…`) and blank lines may appear anywhere after
/// the banner. Symmetric files store the lower triangle (with the diagonal; skew-symmetric
/// without it), hermitian diagonals must be real.
///
/// Coordinate entries given twice are refused (`duplicate`), not summed: the format does not
/// define them, and tools disagree. Absent coordinate entries are zero.
public enum MatrixMarketReader {
    /// The matrix of a Matrix Market text; NaN and ±Inf entries are refused unless `asResult`
    /// (a computed result, which may hold them, rather than an input).
    static func parse(_ data: Data, path: String, asResult: Bool = false) throws -> UserMatrix {
        var lines = Lines(data)
        func fail(_ line: Int, _ kind: MatrixFileError.Kind) -> MatrixFileError {
            MatrixFileError(path: path, .line(line), kind)
        }
        if let nul = data.firstIndex(of: 0) {
            let line = 1 + data[data.startIndex..<nul].filter { $0 == 0x0A }.count
            throw fail(line, .badEntry("a NUL byte: a Matrix Market file is text (is this a binary file?)"))
        }
        guard let (bannerLine, banner) = lines.next() else {
            throw fail(1, .badHeader("the file is empty; the first line must start with '\(MatrixMarketHeader.banner)'"))
        }
        let header = try MatrixMarketHeader(line: banner, fail: { fail(bannerLine, $0) })
        guard let (sizeLine, sizeWords) = lines.nextData() else {
            throw fail(lines.lastLine, .badSize("the file ends before the size line"))
        }
        let n = try order(sizeWords, header, line: sizeLine, fail: fail)
        var entries = Entries(order: n, complex: header.field == .complex)
        switch header.format {
        case .array: try readArray(&lines, header, &entries, asResult: asResult, fail: fail)
        case .coordinate:
            let count = try Number.int(sizeWords[2], fail: { fail(sizeLine, $0) })
            guard count >= 0, count <= header.storedSlots(n) else {
                throw fail(sizeLine, .badSize("\(count) entries cannot fit in the \(header.storedSlots(n)) positions a \(header.symmetry.rawValue) \(n)×\(n) file stores"))
            }
            try readCoordinates(&lines, header, count: count, &entries, asResult: asResult, fail: fail)
        }
        return UserMatrix(name: MatrixFile.name(path), path: path, real: entries.real, imaginary: entries.imaginary)
    }

    /// n from the size line (`M N` for array, `M N NNZ` for coordinate), checked before allocating.
    private static func order(_ words: [Substring], _ header: MatrixMarketHeader, line: Int,
                              fail: (Int, MatrixFileError.Kind) -> MatrixFileError) throws -> Int {
        let expected = header.format == .array ? 2 : 3
        guard words.count == expected else {
            throw fail(line, .badSize("the size line must hold \(expected) integers (\(header.format == .array ? "rows cols" : "rows cols entries")), got \(words.count) field(s)"))
        }
        let rows = try Number.int(words[0], fail: { fail(line, $0) })
        let cols = try Number.int(words[1], fail: { fail(line, $0) })
        guard rows >= 1, cols >= 1 else {
            throw fail(line, .badSize(rows == 0 && cols == 0 ? MatrixFile.emptyInput
                : "the matrix must have at least one row and column, got \(rows)×\(cols)"))
        }
        guard rows == cols else { throw fail(line, .notSquare(rows: rows, cols: cols)) }
        guard rows <= MatrixFile.maxOrder else { throw fail(line, .tooLarge(order: rows, limit: MatrixFile.maxOrder)) }
        return rows
    }

    private static func readArray(_ lines: inout Lines, _ header: MatrixMarketHeader, _ entries: inout Entries,
                                  asResult: Bool, fail: (Int, MatrixFileError.Kind) -> MatrixFileError) throws {
        let n = entries.order
        let expected = header.storedSlots(n)
        var found = 0
        for j in 0..<n {
            for i in 0..<n where header.isStored(i, j) {
                guard let (line, words) = lines.nextData() else {
                    throw fail(lines.lastLine, .tooFewEntries(expected: expected, found: found))
                }
                let (re, im) = try value(words, header, line: line, asResult: asResult, fail: fail)
                try entries.set(i, j, re, im, header, line: line, fail: fail)
                found += 1
            }
        }
        if let (line, _) = lines.nextData() { throw fail(line, .tooManyEntries(expected: expected)) }
    }

    private static func readCoordinates(_ lines: inout Lines, _ header: MatrixMarketHeader, count: Int,
                                        _ entries: inout Entries, asResult: Bool,
                                        fail: (Int, MatrixFileError.Kind) -> MatrixFileError) throws {
        let n = entries.order
        var seen = [Int: Int]()  // i + j·n → line
        for k in 0..<count {
            guard let (line, words) = lines.nextData() else {
                throw fail(lines.lastLine, .tooFewEntries(expected: count, found: k))
            }
            guard words.count == 2 + header.valuesPerEntry else {
                throw fail(line, .badEntry("a coordinate entry needs row, column and \(header.valuesPerEntry == 2 ? "real and imaginary parts" : "a value"): \(2 + header.valuesPerEntry) fields, got \(words.count)"))
            }
            let row = try Number.int(words[0], fail: { fail(line, $0) })
            let col = try Number.int(words[1], fail: { fail(line, $0) })
            guard (1...n).contains(row), (1...n).contains(col) else {
                throw fail(line, .indexOutOfRange(row: row, col: col, order: n))
            }
            let (i, j) = (row - 1, col - 1)
            guard header.isStored(i, j) else {
                throw fail(line, .badEntry("entry (\(row), \(col)) is not in the \(header.symmetry == .skewSymmetric ? "strictly " : "")lower triangle, which is all a \(header.symmetry.rawValue) file stores"))
            }
            if let first = seen[i + j * n] { throw fail(line, .duplicate(row: row, col: col, firstLine: first)) }
            seen[i + j * n] = line
            let (re, im) = try value(words.dropFirst(2), header, line: line, asResult: asResult, fail: fail)
            try entries.set(i, j, re, im, header, line: line, fail: fail)
        }
        if let (line, _) = lines.nextData() { throw fail(line, .tooManyEntries(expected: count)) }
    }

    /// One entry's value from its 1 or 2 fields.
    private static func value<S: Collection>(_ words: S, _ header: MatrixMarketHeader, line: Int, asResult: Bool,
                                             fail: (Int, MatrixFileError.Kind) -> MatrixFileError) throws -> (Double, Double)
    where S.Element == Substring {
        guard words.count == header.valuesPerEntry else {
            throw fail(line, .badEntry("an entry of a \(header.field.rawValue) file has \(header.valuesPerEntry) field(s), got \(words.count)"))
        }
        let parse = { (w: Substring) in
            header.field == .integer ? try Number.exactInteger(w, fail: { fail(line, $0) })
                                     : try Number.double(w, asResult: asResult, fail: { fail(line, $0) })
        }
        let parts = try words.map(parse)
        return (parts[0], parts.count > 1 ? parts[1] : 0)
    }
}

/// The matrix being filled, with the symmetry applied.
private struct Entries {
    let order: Int
    var real: Matrix<Double>
    var imaginary: Matrix<Double>?

    init(order n: Int, complex: Bool) {
        order = n
        real = Matrix(rows: n, cols: n)
        imaginary = complex ? Matrix(rows: n, cols: n) : nil
    }

    mutating func set(_ i: Int, _ j: Int, _ re: Double, _ im: Double, _ header: MatrixMarketHeader, line: Int,
                      fail: (Int, MatrixFileError.Kind) -> MatrixFileError) throws {
        if header.symmetry == .hermitian && i == j && im != 0 {
            throw fail(line, .badEntry("a hermitian matrix has a real diagonal; entry (\(i + 1), \(j + 1)) has imaginary part \(im)"))
        }
        real[i, j] = re
        imaginary?[i, j] = im
        guard i != j, header.symmetry != .general else { return }
        let (mre, mim) = header.mirrored(re, im)
        real[j, i] = mre
        imaginary?[j, i] = mim
    }
}
