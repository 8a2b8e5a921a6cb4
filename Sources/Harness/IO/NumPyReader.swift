import Foundation
import Linalg

/// Reads `.npy` files (format versions 1.0, 2.0 and 3.0) holding a square 2-D array of float32,
/// float64, complex64 or complex128, little- or big-endian, in C or Fortran order.
public enum NumPyReader {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The matrix of a `.npy` file; NaN and ±Inf elements and a 0×0 shape are refused unless `asResult`
    /// (a computed exp(A), which may hold them: exp of the 0×0 matrix is 0×0).
    static func parse(_ data: Data, path: String, asResult: Bool = false) throws -> UserMatrix {
        let data = data.startIndex == 0 ? data : Data(data)  // offsets below count from 0
        func fail(_ offset: Int, _ kind: MatrixFileError.Kind) -> MatrixFileError {
            MatrixFileError(path: path, .byte(offset), kind)
        }
        let (header, dataStart) = try readHeader(data, fail: fail)
        guard let dtype = NumPyDType(descr: header.descr) else {
            throw fail(8, .unsupported("dtype '\(header.descr)' is not supported (<f4, <f8, <c8, <c16 or their > big-endian forms)"))
        }
        guard header.shape.count == 2 else {
            throw fail(8, .badSize("a \(header.shape.count)-D array; expected a 2-D square matrix, shape \(header.shape)"))
        }
        let (rows, cols) = (header.shape[0], header.shape[1])
        guard (rows >= 1 && cols >= 1) || (asResult && rows == 0 && cols == 0) else {
            throw fail(8, .badSize(rows == 0 && cols == 0 ? MatrixFile.emptyInput : "shape \(rows)×\(cols) is empty"))
        }
        guard rows == cols else { throw fail(8, .notSquare(rows: rows, cols: cols)) }
        guard rows <= MatrixFile.maxOrder else { throw fail(8, .tooLarge(order: rows, limit: MatrixFile.maxOrder)) }
        let n = rows
        let needed = n * n * dtype.itemSize
        let available = data.count - dataStart
        guard available >= needed else {
            throw fail(data.count, .truncated("the data ends after \(available) of \(needed) bytes (\(n)×\(n) \(header.descr))"))
        }
        guard available == needed else { throw fail(dataStart + needed, .trailingBytes(available - needed)) }
        var m = try decode(data, from: dataStart, n: n, dtype: dtype, fortranOrder: header.fortranOrder, path: path,
                           asResult: asResult)
        m.storedPrecision = dtype.precision
        return m
    }

    /// The header and the offset of the first data byte.
    private static func readHeader(_ b: Data, fail: (Int, MatrixFileError.Kind) -> MatrixFileError) throws -> (NumPyHeader, Int) {
        guard b.count >= 10 else {
            if b.count < 6 || Array(b[0..<6]) == magic { throw fail(b.count, .truncated("the file ends inside the .npy preamble")) }
            throw fail(0, .badHeader("not a .npy file (no \\x93NUMPY magic)"))
        }
        guard Array(b[0..<6]) == magic else { throw fail(0, .badHeader("not a .npy file (no \\x93NUMPY magic)")) }
        let major = Int(b[6])
        let lengthBytes: Int
        switch major {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default: throw fail(6, .unsupported("format version \(major).\(b[7]) is not supported (1.0, 2.0, 3.0)"))
        }
        guard b[7] == 0 else { throw fail(7, .unsupported("format version \(major).\(b[7]) is not supported (1.0, 2.0, 3.0)")) }
        guard b.count >= 8 + lengthBytes else { throw fail(b.count, .truncated("the file ends inside the header length")) }
        let length = (0..<lengthBytes).reduce(0) { $0 | Int(b[8 + $1]) << (8 * $1) }
        let start = 8 + lengthBytes
        guard b.count >= start + length else {
            throw fail(b.count, .truncated("the file ends inside the header (\(length) bytes announced)"))
        }
        // Versions 1 and 2 store the header in Latin-1, version 3 in UTF-8 (NumPy's format description).
        let raw = b[start..<(start + length)]
        let text: String
        if major == 3 {
            guard let t = String(validating: raw, as: UTF8.self) else {
                throw fail(start, .badHeader("the version 3.0 header is not valid UTF-8"))
            }
            text = t
        } else {
            text = String(String.UnicodeScalarView(raw.map { Unicode.Scalar($0) }))
        }
        do {
            return (try NumPyHeader(text), start + length)
        } catch {
            throw fail(start, .badHeader(error.message))
        }
    }

    /// The elements, converted to Double, NaN and ±Inf refused with their byte offset (unless allowed).
    private static func decode(_ data: Data, from start: Int, n: Int, dtype: NumPyDType, fortranOrder: Bool,
                               path: String, asResult: Bool) throws -> UserMatrix {
        if !dtype.isComplex && !dtype.bigEndian && fortranOrder && NumPyDType.hostIsLittleEndian {
            let real = rawColumnMajor(data, from: start, count: n * n, float32: dtype.kind == .f4)
            if !asResult, let k = real.firstIndex(where: { !$0.isFinite }) {
                throw MatrixFileError(path: path, .byte(start + k * dtype.itemSize),
                                      .nonFinite("\(real[k]) at (\(k % n), \(k / n))"))
            }
            return UserMatrix(name: MatrixFile.name(path), path: path, real: Matrix(rows: n, cols: n, elements: real))
        }
        let b = [UInt8](data)
        var real = Matrix<Double>(rows: n, cols: n)
        var imaginary: Matrix<Double>? = dtype.isComplex ? Matrix(rows: n, cols: n) : nil
        let size = dtype.componentSize
        for k in 0..<(n * n) {
            // Element k of the file is (i, j) = (k mod n, k / n) in Fortran order, (k / n, k mod n) in C order.
            let (i, j) = fortranOrder ? (k % n, k / n) : (k / n, k % n)
            let offset = start + k * dtype.itemSize
            let re = component(b, offset, size: size, bigEndian: dtype.bigEndian)
            let im = dtype.isComplex ? component(b, offset + size, size: size, bigEndian: dtype.bigEndian) : 0
            guard (re.isFinite && im.isFinite) || asResult else {
                let text = dtype.isComplex ? "\(re)+\(im)i" : "\(re)"
                throw MatrixFileError(path: path, .byte(offset), .nonFinite("\(text) at (\(i), \(j))"))
            }
            real[i, j] = re
            imaginary?[i, j] = im
        }
        return UserMatrix(name: MatrixFile.name(path), path: path, real: real, imaginary: imaginary)
    }

    /// `count` little-endian float32 or float64 numbers from `start`, as Double: the bytes are the
    /// column-major storage itself (the worker protocol's files), read whole.
    private static func rawColumnMajor(_ b: Data, from start: Int, count: Int, float32: Bool) -> [Double] {
        guard count > 0 else { return [] }
        return b.withUnsafeBytes { raw in
            let base = raw.baseAddress! + start
            if float32 {
                return (0..<count).map { Double(base.loadUnaligned(fromByteOffset: 4 * $0, as: Float.self)) }
            }
            return [Double](unsafeUninitializedCapacity: count) { buffer, initialised in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(start: base, count: 8 * count))
                initialised = count
            }
        }
    }

    private static func component(_ b: [UInt8], _ offset: Int, size: Int, bigEndian: Bool) -> Double {
        var bits: UInt64 = 0
        for t in 0..<size {
            let byte = UInt64(b[offset + (bigEndian ? size - 1 - t : t)])
            bits |= byte << (8 * UInt64(t))
        }
        return size == 4 ? Double(Float(bitPattern: UInt32(bits))) : Double(bitPattern: bits)
    }
}
