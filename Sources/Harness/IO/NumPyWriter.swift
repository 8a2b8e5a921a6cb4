import Foundation
import Linalg

/// Writes square matrices as `.npy` (format version 1.0).
public enum NumPyWriter {
    /// The file's bytes: `real` (+ i·`imaginary`) as `dtype` (a complex dtype when `imaginary` is
    /// given, a real one otherwise), in Fortran (column-major) or C (row-major) order.
    /// Values are rounded to the dtype's precision.
    public static func data(real: Matrix<Double>, imaginary: Matrix<Double>? = nil,
                     dtype: NumPyDType.Kind? = nil, bigEndian: Bool = false, fortranOrder: Bool = true) -> Data {
        let kind = dtype ?? (imaginary == nil ? .f8 : .c16)
        let type = NumPyDType(kind: kind, bigEndian: bigEndian)
        precondition(type.isComplex == (imaginary != nil), "dtype \(type.descr) does not match the parts given")
        let n = real.rows
        var out = [UInt8]()
        out.reserveCapacity(128 + n * n * type.itemSize)
        out += header(descr: type.descr, fortranOrder: fortranOrder, n: n)
        if imaginary == nil && fortranOrder && !bigEndian && NumPyDType.hostIsLittleEndian {
            appendRaw(real, kind, to: &out)  // the worker protocol's case: the storage as it is
            return Data(out)
        }
        for k in 0..<(n * n) {
            let (i, j) = fortranOrder ? (k % n, k / n) : (k / n, k % n)
            append(real[i, j], type, to: &out)
            if let im = imaginary { append(im[i, j], type, to: &out) }
        }
        return Data(out)
    }

    /// Magic, version 1.0, header length and the header padded with spaces and a newline so that
    /// the data starts at a multiple of 64 bytes.
    private static func header(descr: String, fortranOrder: Bool, n: Int) -> [UInt8] {
        var text = NumPyHeader.text(descr: descr, fortranOrder: fortranOrder, shape: [n, n])
        let unpadded = 10 + text.utf8.count + 1
        text += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = text.utf8.count
        return NumPyReader.magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(text.utf8)
    }

    /// Column-major little-endian elements: the matrix's own storage (as Float for `.f4`), copied whole.
    private static func appendRaw(_ m: Matrix<Double>, _ kind: NumPyDType.Kind, to out: inout [UInt8]) {
        if kind == .f4 {
            m.elements.map(Float.init).withUnsafeBytes { out.append(contentsOf: $0) }
        } else {
            m.elements.withUnsafeBytes { out.append(contentsOf: $0) }
        }
    }

    private static func append(_ x: Double, _ type: NumPyDType, to out: inout [UInt8]) {
        let size = type.componentSize
        let bits = size == 4 ? UInt64(Float(x).bitPattern) : x.bitPattern
        for t in 0..<size {
            let shift = 8 * UInt64(type.bigEndian ? size - 1 - t : t)
            out.append(UInt8(truncatingIfNeeded: bits >> shift))
        }
    }
}
