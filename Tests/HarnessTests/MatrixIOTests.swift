@testable import FileIO
import Foundation
import Linalg
import Reference
import Testing


/// A 3×3 matrix with entries that are not Float-representable, and one with negative zero.
let ioReal = Matrix<Double>(order: 3) { i, j in Double(i * 3 + j) / 7 - 0.5 + (i == j ? 1e-300 : 0) }
let ioImaginary = Matrix<Double>(order: 3) { i, j in Double(j - i) * .pi + (i == 2 ? -0.0 : 1e10) }

@Suite("Matrix files: round trips")
struct MatrixIORoundTripTests {
    @Test("Matrix Market real and complex round-trip exactly at 17 digits", arguments: [false, true])
    func matrixMarket(complex: Bool) throws {
        let text = MatrixMarketWriter.text(real: ioReal, imaginary: complex ? ioImaginary : nil, comments: ["test"])
        let m = try MatrixMarketReader.parse(Data(text.utf8), path: "a.mtx")
        #expect(m.real == ioReal)
        #expect(m.imaginary == (complex ? ioImaginary : nil))
        #expect(m.name == "a.mtx" && m.order == 3)
    }

    @Test(".npy round trips in every dtype, both orders, both byte orders", arguments:
            [NumPyDType.Kind.f4, .f8, .c8, .c16], [false, true])
    func numpy(kind: NumPyDType.Kind, fortran: Bool) throws {
        let complex = kind == .c8 || kind == .c16
        let single = kind == .f4 || kind == .c8
        let round = { (m: Matrix<Double>) in single ? m.converted(to: Float.self).converted(to: Double.self) : m }
        for bigEndian in [false, true] {
            let data = NumPyWriter.data(real: ioReal, imaginary: complex ? ioImaginary : nil, dtype: kind,
                                        bigEndian: bigEndian, fortranOrder: fortran)
            #expect(data.count % 64 == (3 * 3 * NumPyDType(kind: kind).itemSize) % 64, "data starts on a 64-byte boundary")
            let m = try NumPyReader.parse(data, path: "a.npy")
            #expect(m.real == round(ioReal))
            #expect(m.imaginary == (complex ? round(ioImaginary) : nil))
        }
    }

    /// Bytes as NumPy 1.26 writes `np.array([[1, 2], [3, 4]], dtype='<f8')` (C order, version 1.0).
    @Test("reads a file laid out exactly as NumPy writes it, and C order means row-major")
    func numpyReference() throws {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }"
        header += String(repeating: " ", count: 128 - 10 - header.count - 1) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count), 0] + Array(header.utf8)
        for v in [1.0, 2.0, 3.0, 4.0] { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        let m = try NumPyReader.parse(Data(bytes), path: "np.npy")
        #expect(m.real == Matrix(rows: 2, cols: 2, elements: [1, 3, 2, 4]))
    }

    @Test("version 2.0 and 3.0 headers (4-byte length) are read")
    func numpyVersions() throws {
        let v1 = [UInt8](NumPyWriter.data(real: ioReal))
        for major: UInt8 in [2, 3] {
            let length = Int(v1[8]) | Int(v1[9]) << 8
            let bytes = Array(v1[0..<6]) + [major, 0, v1[8], v1[9], 0, 0] + Array(v1[10...])
            #expect(length + 12 <= bytes.count)
            #expect(try NumPyReader.parse(Data(bytes), path: "v.npy").real == ioReal)
        }
    }

    @Test("Matrix Market symmetric, skew-symmetric and hermitian expand correctly, array and coordinate")
    func symmetries() throws {
        let sym = try parse("%%MatrixMarket matrix array real symmetric\n% c\n\n2 2\n1\n2\n3\n")
        #expect(sym.real == Matrix(rows: 2, cols: 2, elements: [1, 2, 2, 3]))
        let skew = try parse("%%MatrixMarket matrix coordinate integer skew-symmetric\n3 3 1\n3 1 5\n")
        #expect(skew.real[2, 0] == 5 && skew.real[0, 2] == -5 && skew.real[1, 1] == 0)
        let herm = try parse("%%MatrixMarket matrix array complex hermitian\n2 2\n1 0\n2 3\n4 0\n")
        #expect(herm.real == Matrix(rows: 2, cols: 2, elements: [1, 2, 2, 4]))
        #expect(herm.imaginary == Matrix(rows: 2, cols: 2, elements: [0, 3, -3, 0]))
        let coord = try parse("%%matrixmarket MATRIX Coordinate Real General\r\n2 2 2\r\n1 2 -1.5e0\r\n2 2 7\r\n")
        #expect(coord.real == Matrix(rows: 2, cols: 2, elements: [0, 0, -1.5, 7]))
    }

    private func parse(_ s: String) throws -> UserMatrix { try MatrixMarketReader.parse(Data(s.utf8), path: "s.mtx") }
}

@Suite("Matrix files: 40-digit writer")
struct MatrixMarketDigitsTests {
    /// hi + lo pairs whose sum needs far more than 17 digits; each written entry must equal the
    /// exact sum, formed and printed independently in MPFR at 2200 bits, to 40 digits.
    @Test("hi + lo is printed as the exact sum to 40 significant digits", arguments: [
        (1.0, 1e-20), (1.0 / 3, 1.0 / 3 * 0x1p-54), (-2.5e300, 1e280), (7e-300, -0x1p-1062), (0.0, 0.0), (3.0, 0.0), (0.0, 0x1p-1030),
    ])
    func digits(hi: Double, lo: Double) throws {
        let text = MatrixMarketWriter.text(real: (Matrix(rows: 1, cols: 1, elements: [hi]), Matrix(rows: 1, cols: 1, elements: [lo])),
                                           digits: 40)
        let written = try #require(text.split(separator: "\n").last).trimmingCharacters(in: .whitespaces)
        let exact = (MPFloat(hi, precision: 2200) + MPFloat(lo, precision: 2200)).decimalString(digits: 40)
        #expect(written == exact)
        if hi != 0 || lo != 0 { #expect(written.filter(\.isNumber).count >= 40 + 1, "\(written)") }
    }

    @Test("the 40-digit output reads back as hi + lo rounded to Double")
    func readsBack() throws {
        let hi = ioReal, lo = Matrix<Double>(order: 3) { i, j in ioReal[i, j] * 0x1p-60 }
        let loIm = Matrix<Double>(order: 3) { i, j in ioImaginary[i, j] * 0x1p-60 }
        let text = MatrixMarketWriter.text(real: (hi, lo), imaginary: (ioImaginary, loIm), digits: 40)
        let m = try MatrixMarketReader.parse(Data(text.utf8), path: "e.mtx")
        #expect(m.real == hi && m.imaginary == ioImaginary)
    }
}
