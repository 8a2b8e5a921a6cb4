import ArgumentParser
import Candidates
import Certification
@testable import FileIO
import Foundation
@testable import HarnessCLI
import Linalg
@testable import Measurement
import Reference
import Testing

/// `harness check` on result files written here: what passes, what fails, what is refused.
@Suite("harness check")
struct CheckCommandTests {
    /// A 4×4 test matrix (Float-representable entries) and a scratch directory.
    let a = Matrix<Double>(rows: 4, cols: 4, elements: [0.5, -1.25, 0.75, 2, 1, 0.25, -0.5, 0.125,
                                                        -2, 1.5, 0.375, -0.75, 0.625, 0, 1.75, -1])
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString)").path

    func write(_ m: Matrix<Double>, _ name: String, dtype: NumPyDType.Kind = .f8) throws -> String {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = "\(dir)/\(name)"
        try NumPyWriter.data(real: m, dtype: dtype).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs `harness check …`: nil when it passes (exit 0), else the exit code it ends with.
    func check(_ args: [String]) throws -> Int32? {
        var command = try HarnessCommand.parseAsRoot(["check", "--no-cache"] + args)
        do { try command.run() } catch let e as ExitCode { return e.rawValue }
        return nil
    }

    @Test("the reference rounded to float64, and pade13-higham05 in float32 (from the .npy dtype), pass")
    func correctResults() throws {
        let matrix = try write(a, "A.npy")
        let exact = try write(TaylorReference.compute(a).hi, "E.npy")
        #expect(try check(["--matrix", matrix, "--result", exact]) == nil)
        let x32 = try Pade13Higham05<Float>().run(a).value
        let single = try write(x32, "X32.npy", dtype: .f4)
        #expect(try check(["--matrix", matrix, "--result", single]) == nil)
        // The same float32 result held to float64's bound is far outside it.
        #expect(try check(["--matrix", matrix, "--result", single, "--precision", "float64"]) == 1)
    }

    @Test("a result off by 1e-9 in one entry, and one with a NaN, fail with exit 1")
    func wrongResults() throws {
        let matrix = try write(a, "A.npy")
        var x = TaylorReference.compute(a).hi
        x[2, 1] *= 1 + 1e-9  // ≫ c·κ·u ≈ 1e-14 here
        #expect(try check(["--matrix", matrix, "--result", try write(x, "X.npy")]) == 1)
        x[2, 1] = .nan
        #expect(try check(["--matrix", matrix, "--result", try write(x, "N.npy")]) == 1)
    }

    @Test("the judgement behind check: errors, κ and verdict as a run would give them")
    func judgement() throws {
        let reference = ReferenceCertifier().certify(a, spec: nil)
        var x = reference.reference.hi
        let right = ResultJudgement(x, precision: .float64, input: a, reference: reference)
        #expect(right.outcome == .ok && right.verdict == .pass && right.yardstick.basis == .kappaExact)
        x[0, 0] = .infinity
        let inf = ResultJudgement(x, precision: .float64, input: a, reference: reference)
        #expect(inf.outcome == .nonFinite && inf.verdict == .fail && inf.message?.contains("Inf") == true)
    }

    @Test("bad input is refused with exit 64, naming the option and what is wrong")
    func refusals() throws {
        let matrix = try write(a, "A.npy")
        let small = try write(Matrix(order: 2) { _, _ in 1 }, "S.npy")
        let cases: [([String], String)] = [
            (["check", "--matrix", matrix, "--result", small], "--result: S.npy is 2×2, but A (A.npy) is 4×4"),
            (["check", "--matrix", matrix, "--result", "\(dir)/missing.npy"], "--result: "),
            (["check", "--matrix", matrix, "--result", small, "--precision", "float16"], "--precision must be float32 or float64"),
            (["check", "--matrix", "a.csv", "--result", small], "--matrix: 'a.csv' has an unknown extension"),
        ]
        for (args, expected) in cases {
            do {
                var command = try HarnessCommand.parseAsRoot(args)
                try command.run()
                Issue.record("\(args) was accepted")
            } catch {
                #expect(HarnessCommand.message(for: error).contains(expected), "\(args): \(HarnessCommand.message(for: error))")
                #expect(HarnessCommand.exitCode(for: error).rawValue == 64)
            }
        }
    }
}
