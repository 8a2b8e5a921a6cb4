import ArgumentParser
import Certification
import FileIO
import Foundation
import Reference
import Reporting

/// `harness reference --matrix A.mtx|A.npy [--digits 40] [--out E.mtx|E.npy]`: the certified
/// exp of a user matrix (real or complex), written to a file, with its certificate.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Compute the certified reference exp(A) of a matrix file (.mtx or .npy, real or complex).",
        discussion: """
            Matrix Market output holds --digits significant digits per entry; .npy output holds exp(A) rounded \
            to float64 (complex128 for complex input). The certificate is printed; when it certifies fewer \
            digits than --digits in the worst entry, a warning says so.
            """)

    @Option(name: .customLong("matrix"), help: ArgumentHelp(
        "The matrix: a Matrix Market (.mtx) or NumPy (.npy) file with a square matrix (once).", valueName: "matrix"))
    var matrices: [String] = []

    var matrix: String { matrices.last ?? "" }

    @Option(help: "Significant digits per entry in Matrix Market output (17…70).")
    var digits = 40

    @Option(help: "Output file, .mtx or .npy. Default: print nothing but the certificate.")
    var out: String?

    static let digitRange = 17...70

    func validate() throws {
        _ = try Selection.single(matrices, option: "--matrix")
        guard MatrixFile.Format(path: matrix) != nil else {
            throw ValidationError("--matrix: '\(matrix)' has an unknown extension; expected .mtx or .npy")
        }
        guard Self.digitRange.contains(digits) else {
            throw ValidationError("--digits must be between \(Self.digitRange.lowerBound) and \(Self.digitRange.upperBound), got \(digits)")
        }
        if let out, MatrixFile.Format(path: out) == nil {
            throw ValidationError("--out: '\(out)' has an unknown extension; expected .mtx or .npy")
        }
        if let out {
            do { try Writability.file(out) } catch { throw ValidationError("--out: \(error)") }
        }
    }

    func run() throws {
        let m: UserMatrix
        do { m = try MatrixFile.read(matrix) } catch {
            throw ValidationError("--matrix: \(error)")
        }
        let r = UserReference.compute(m)
        let cert = r.certificate
        print("""
            \(m.name): \(m.order)×\(m.order) \(m.isComplex ? "complex" : "real")
            reference: \(cert.method)
            bits \(cert.bits), scalings \(cert.scalings), degrees \(cert.degrees); \
            certified \(Format.fixed(cert.normwiseDigits)) digits normwise, \(Format.fixed(cert.componentwiseDigits)) in the worst entry; \
            \(Format.time(cert.seconds))
            """)
        guard r.real.hi.isFinite else {
            throw HarnessError.io("exp(A) is not finite in Double (overflow); no reference written")
        }
        var carried = Double(digits)
        if let out { carried = try write(m, r, to: out) }
        for line in warnings(cert, carried: carried, matrixMarket: out.map { MatrixFile.Format(path: $0) == .matrixMarket } ?? true) {
            print("warning: \(line)")
        }
    }

    /// Writes the file; returns the significant digits its entries carry.
    private func write(_ m: UserMatrix, _ r: UserReference, to path: String) throws -> Double {
        let data: Data
        let carried: Double
        switch MatrixFile.Format(path: path)! {
        case .matrixMarket:
            let comments = [
                "exp(A) for A = \(m.name), computed by expm-harness `harness reference`",
                "certified digits: \(Format.fixed(r.certificate.normwiseDigits)) normwise, \(Format.fixed(r.certificate.componentwiseDigits)) worst entry",
            ]
            let (text, c) = ReferenceText.matrixMarket(m, r, digits: digits, comments: comments)
            data = Data(text.utf8)
            carried = Double(min(c, digits))
        case .numpy:
            data = NumPyWriter.data(real: r.real.hi, imaginary: r.imaginary?.hi)
            carried = 15.9  // float64 / complex128: exp(A) rounded to Double, whatever --digits says
        }
        do { try AtomicWrite.write(data, to: path) } catch {
            throw HarnessError.io("cannot write \(path): \(error.localizedDescription)")
        }
        print("written: \(path)")
        return carried
    }

    /// What the reader must not assume: more digits than the certificate or the file carry.
    /// `carried` is what the written entries hold (--digits when nothing is written).
    func warnings(_ cert: Certificate, carried: Double, matrixMarket: Bool) -> [String] {
        var w = [String]()
        let claimed = min(Double(digits), carried)
        if cert.componentwiseDigits < claimed {
            w.append("only \(Format.fixed(cert.componentwiseDigits)) digits are certified in the worst entry "
                + "(\(Format.fixed(cert.normwiseDigits)) normwise), fewer than the \(Format.fixed(claimed, 0)) printed; digits beyond those are not certified")
        }
        if matrixMarket && carried < Double(digits) {
            w.append("the output carries about \(Format.fixed(carried, 0)) significant digits, fewer than --digits \(digits)")
        }
        return w
    }
}
