import ArgumentParser
import Certification
import FileIO
import Foundation
import Reference
import Reporting

/// `harness reference --matrix A.mtx|A.npy [--digits 31] [--out E.mtx|E.npy]`: the certified
/// exp of a user matrix (real or complex), written to a file, with its certificate.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Compute the certified reference exp(A) of a matrix file (.mtx or .npy, real or complex).",
        discussion: """
            Matrix Market output holds --digits significant digits per entry; .npy output holds exp(A) rounded \
            to float64 (complex128 for complex input). A real matrix gets what a suite case gets: the Taylor \
            reference (read from the reference cache that suite, case, run and check share, else computed and \
            stored there) and the independent witnesses that apply (Arb's rigorous enclosure for n ≤ 256, the \
            MPFR eigendecomposition for n ≤ 64); the evidence printed says which agreed, or "self-check only" \
            when none could run (a complex matrix: its two runs share the algorithm). When fewer digits are \
            certified than printed, a warning says so.
            """)

    @Option(name: .customLong("matrix"), help: ArgumentHelp(
        "The matrix: a Matrix Market (.mtx) or NumPy (.npy) file with a square matrix (once).", valueName: "matrix"))
    var matrices: [String] = []

    var matrix: String { matrices.last ?? "" }

    /// 31 by default: what hi + lo stores and an independent witness can confirm (`Evidence`).
    @Option(help: "Significant digits per entry in Matrix Market output (17…70); beyond 31 only the self-check vouches for them.")
    var digits = 31

    @Option(help: "Output file, .mtx or .npy. Default: print nothing but the certificate.")
    var out: String?

    @Flag(help: "Compute the reference anew instead of reading the reference cache.")
    var noCache = false

    @Flag(help: "Compute a reference this machine needs more than 15 minutes or 80 % of its memory for (refused otherwise, with the estimate).")
    var allowLong = false

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
        print("\(m.name): \(m.order)×\(m.order) \(m.isComplex ? "complex" : "real")")
        let r: UserReference
        let certified: Double
        let certifier = ReferenceCertifier(cache: noCache ? nil : ReferenceCache(directory: ReferenceCache.defaultDirectory))
        if m.isComplex {
            // Computed through its real embedding of order 2n, never cached.
            try RunOptions.check(ReferenceCost.estimate(order: 2 * m.order), name: m.name, order: m.order, allowLong: allowLong)
            r = UserReference.compute(m)
            let cert = r.certificate
            certified = cert.componentwiseDigits
            print("""
                reference: \(cert.method)
                bits \(cert.bits), scalings \(cert.scalings), degrees \(cert.degrees); \
                \(Format.fixed(cert.normwiseDigits)) digits normwise, \(Format.fixed(cert.componentwiseDigits)) in the worst entry; \
                \(Format.time(cert.seconds))
                evidence: self-check only (no independent witness for complex matrices: both runs share the algorithm)
                """)
        } else {
            try RunOptions.checkCost(certifier, [(m.name, m.real)], allowLong: allowLong)
            let c = certifier.certify(m.real, spec: nil)
            r = UserReference(real: HiLoMatrix(hi: c.reference.hi, lo: c.reference.lo), imaginary: nil, certificate: c.reference.certificate)
            certified = c.record.evidence.hasIndependentWitness ? c.record.evidence.certifiedDigits : 0
            for line in ResultText.reference(c.record) { print(line) }
            if c.cached { print("(read from the reference cache \(ReferenceCache.defaultDirectory.path))") }
            if !c.record.evidence.hasIndependentWitness { print("evidence: self-check only: no independent witness could run on this matrix") }
        }
        guard r.real.hi.isFinite else {
            throw HarnessError.io("exp(A) is not finite in Double (overflow); no reference written")
        }
        var carried = Double(digits)
        if let out { carried = try write(m, r, to: out) }
        for line in warnings(certified: certified, selfCheck: r.certificate.componentwiseDigits, carried: carried,
                             matrixMarket: out.map { MatrixFile.Format(path: $0) == .matrixMarket } ?? true) {
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
    /// `certified`: digits an independent witness confirms (0 when none could run); `selfCheck`: the worst
    /// entry's agreement of the Taylor reference with itself at two precisions.
    func warnings(certified: Double, selfCheck: Double, carried: Double, matrixMarket: Bool) -> [String] {
        var w = [String]()
        let claimed = min(Double(digits), carried)
        if certified < claimed {
            w.append(certified > 0
                ? "an independent witness certifies \(Format.fixed(certified)) digits, fewer than the \(Format.fixed(claimed, 0)) written; "
                    + "beyond those only the self-check (\(Format.fixed(selfCheck)) digits, same algorithm) vouches for them"
                : "no independent witness certifies these digits; the self-check (\(Format.fixed(selfCheck)) digits in the worst entry) "
                    + "repeats the same algorithm and is not a certificate")
        }
        if matrixMarket && carried < Double(digits) {
            w.append("the output carries about \(Format.fixed(carried, 0)) significant digits, fewer than --digits \(digits)")
        }
        return w
    }
}
