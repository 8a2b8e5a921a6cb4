import ArgumentParser
import Certification
import FileIO
import Foundation
import Linalg
import Measurement
import Reporting

/// `harness check --matrix A --result X [--precision float32|float64]`: judges an exp(A) computed
/// anywhere against the certified reference, in the words of the report; exit 1 unless it passes.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge an exp(A) you computed (a .npy or .mtx file) against the certified reference.",
        discussion: """
            Prints the reference's certificate, the relative error (normwise and componentwise), κ_exp, the \
            bound c·max(1, κ)·u and the verdict, as the report does. Exit status: 0 when the result passes, \
            1 when it fails or cannot be judged (reference not certified to the target), 64 for bad arguments \
            or files. The precision is the result file's dtype (.npy float32 or float64) unless --precision is \
            given; a .mtx result is float64 by default. In float32, A is first rounded to float32, as a float32 \
            computation sees it, and the result is judged against exp of that matrix. NaN or ±Inf in the \
            result is read, and judged: right only where exp(A) itself overflows that precision.
            """)

    @Option(name: .customLong("matrix"), help: ArgumentHelp(
        "The matrix A: a real square matrix in a Matrix Market (.mtx) or NumPy (.npy) file (once).", valueName: "matrix"))
    var matrices: [String] = []

    @Option(name: .customLong("result"), help: ArgumentHelp(
        "The computed exp(A), same format rules and shape as --matrix (once).", valueName: "result"))
    var results: [String] = []

    var matrix: String { matrices.last ?? "" }
    var result: String { results.last ?? "" }

    @Option(help: "The precision the result was computed in: float32 or float64. Default: the result file's dtype.")
    var precision: String?

    @Flag(help: "Compute the reference anew instead of reading the reference cache.")
    var noCache = false

    @Flag(help: "Compute a reference this machine needs more than 15 minutes or 80 % of its memory for (refused otherwise, with the estimate).")
    var allowLong = false

    /// The precisions a result can be judged in here (those A can be rounded to).
    static let judged: [Precision] = [.float32, .float64]

    func validate() throws {
        _ = try Selection.single(matrices, option: "--matrix")
        _ = try Selection.single(results, option: "--result")
        for (option, path) in [("--matrix", matrix), ("--result", result)] where MatrixFile.Format(path: path) == nil {
            throw ValidationError("\(option): '\(path)' has an unknown extension; expected .mtx or .npy")
        }
        if let precision, !Self.judged.map(\.rawValue).contains(precision) {
            throw ValidationError("--precision must be float32 or float64, got '\(precision)'")
        }
    }

    func run() throws {
        let a = try read(matrix, option: "--matrix", asResult: false)
        let x = try read(result, option: "--result", asResult: true)
        guard x.order == a.order else {
            throw ValidationError("--result: \(x.name) is \(x.order)×\(x.order), but A (\(a.name)) is \(a.order)×\(a.order)")
        }
        let p = chosenPrecision(x)
        let input = p == .float32 ? a.real.converted(to: Float.self).converted(to: Double.self) : a.real
        let certifier = ReferenceCertifier(cache: noCache ? nil : ReferenceCache(directory: ReferenceCache.defaultDirectory))
        try RunOptions.checkCost(certifier, [(a.name, input)], allowLong: allowLong)
        let reference = certifier.certify(input, spec: nil)
        let judged = ResultJudgement(x.real, precision: p, input: input, reference: reference)
        let record = CandidateRecord(judging: x.name, precision: p, judged)

        print("\(a.name): \(a.order)×\(a.order), ‖A‖₁ = \(Format.sci(a.real.norm1))"
            + (input != a.real ? "; rounded to float32 as a float32 computation sees it (exp of that matrix is the reference)" : ""))
        for line in ResultText.reference(reference.record) { print(line) }
        print("\n\(record.id): \(record.outcome.rawValue)\(record.message.map { " — \($0)" } ?? "")")
        for line in ResultText.accuracy(record) { print(line) }
        print("  verdict \(record.verdict.rawValue)"
            + (record.verdict == .excluded ? " (not judged: \(reference.record.note ?? "reference not certified"))" : ""))
        if record.verdict != .pass { throw ExitCode(1) }
    }

    /// The file's real matrix; a file error or a complex matrix is a usage error naming the option.
    private func read(_ path: String, option: String, asResult: Bool) throws -> UserMatrix {
        let m: UserMatrix
        do { m = try MatrixFile.read(path, asResult: asResult) } catch {
            throw ValidationError("\(option): " + ((error as? MatrixFileError)?.locatedMessage ?? String(describing: error)))
        }
        guard !m.isComplex else {
            throw ValidationError("\(option): \(m.name) holds a complex matrix; check judges real matrices only")
        }
        return m
    }

    /// --precision, else the result's dtype, else float64 (text).
    private func chosenPrecision(_ x: UserMatrix) -> Precision {
        if let precision { return Precision(rawValue: precision)! }
        return x.storedPrecision ?? .float64
    }
}
