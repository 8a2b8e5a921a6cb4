import ArgumentParser
import Candidates
@testable import Certification
@testable import FileIO
import Foundation
@testable import HarnessCLI
import Linalg
@testable import Measurement
import Reference
import Testing

@Suite("Matrix commands")
struct MatrixCommandTests {
    @Test("bad arguments are rejected with a clear message", arguments: [
        (["reference"], "--matrix"),
        (["reference", "--matrix", "a.csv"], "unknown extension"),
        (["reference", "--matrix", "a.mtx", "--digits", "5"], "--digits must be between 17 and 70"),
        (["reference", "--matrix", "a.mtx", "--out", "e.txt"], "--out: 'e.txt' has an unknown extension"),
        (["run"], "give --matrix FILE (repeatable) or --matrices DIR"),
        (["run", "--matrix", "a.mat"], "unknown extension"),
        (["run", "--matrices", "/nonexistent-dir"], "is not a directory"),
        (["run", "--matrix", "a.mtx", "--candidates", "nope"], "unknown candidate 'nope'"),
    ])
    func rejects(args: [String], expected: String) throws {
        let r = try #require(refusal(args), "\(args) was accepted")
        #expect(r.message.contains(expected), "message for \(args): \(r.message)")
        #expect(r.exitCode == 64, "exit status for \(args)")
    }

    @Test("reference and run parse with their defaults")
    func parses() throws {
        let r = try #require(try HarnessCommand.parseAsRoot(["reference", "--matrix", "a.npy"]) as? ReferenceCommand)
        #expect(r.digits == 31 && r.out == nil && !r.noCache)
        let dir = try tempDirectory()
        let run = try #require(try HarnessCommand.parseAsRoot(
            ["run", "--matrix", "a.mtx", "--matrix", "b.npy", "--out", dir]) as? RunCommand)
        #expect(run.matrix == ["a.mtx", "b.npy"])
    }

    /// exp of [[0, 1], [0, 0]] is [[1, 1], [0, 1]]; of a complex diagonal i·π, −1.
    @Test("harness reference end to end: real .mtx to 40 digits (asked for), complex to .npy")
    func referenceEndToEnd() throws {
        let dir = try tempDirectory()
        let a = "\(dir)/a.mtx", e = "\(dir)/e.mtx"
        try "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2 1\n".write(toFile: a, atomically: true, encoding: .utf8)
        var cmd = try #require(try HarnessCommand.parseAsRoot(["reference", "--matrix", a, "--out", e, "--digits", "40", "--no-cache"]) as? ReferenceCommand)
        try cmd.run()
        let text = try String(contentsOfFile: e, encoding: .utf8)
        #expect(text.contains("\n1.000000000000000000000000000000000000000e0\n0\n1.000000000000000000000000000000000000000e0\n"))
        let back = try MatrixFile.read(e)
        #expect(back.real == Matrix(rows: 2, cols: 2, elements: [1, 0, 1, 1]))

        let c = "\(dir)/c.npy", ec = "\(dir)/ec.npy"
        try NumPyWriter.data(real: Matrix(rows: 1, cols: 1, elements: [0]), imaginary: Matrix(rows: 1, cols: 1, elements: [.pi]))
            .write(to: URL(fileURLWithPath: c))
        cmd = try #require(try HarnessCommand.parseAsRoot(["reference", "--matrix", c, "--out", ec, "--no-cache"]) as? ReferenceCommand)
        try cmd.run()
        let z = try MatrixFile.read(ec)
        #expect(z.real[0, 0] == -1 && abs(z.imaginary![0, 0]) < 1e-15)
    }

    @Test("harness reference on a bad file fails with the file and line")
    func referenceBadFile() throws {
        let dir = try tempDirectory()
        let a = "\(dir)/bad.mtx"
        try "%%MatrixMarket matrix array real general\n2 2\n1\nx\n".write(toFile: a, atomically: true, encoding: .utf8)
        let cmd = try #require(try HarnessCommand.parseAsRoot(["reference", "--matrix", a]) as? ReferenceCommand)
        let e = #expect(throws: ValidationError.self) { try cmd.run() }
        #expect(e?.message == "--matrix: \(a):4: 'x' is not a number", "\(String(describing: e))")
    }

    /// The cost model refuses what this machine cannot finish in 15 minutes: an MPFR reference at n = 1024
    /// (about 52 min by the measured 2.9 µs·n³), or the fast engine's at the largest accepted order, 4096
    /// (64 × its n = 1024 cost, and more memory than this machine has); it lets the suite's orders run.
    @Test("a reference the machine cannot finish is refused at once, with the estimate and the way to go ahead")
    func tooLarge() throws {
        #expect(ReferenceCost.estimate(order: 256).refusal == nil)
        #expect(ReferenceCost.estimate(order: 1024).refusal?.contains("would take about 52 min") == true)
        #expect(ReferenceCost.estimateFast(order: 1024).refusal == nil)
        #expect(ReferenceCost.estimateFast(order: 4096).refusal != nil)
        let dir = try tempDirectory()
        let a = "\(dir)/zero.mtx"
        try "%%MatrixMarket matrix coordinate real general\n4096 4096 0\n".write(toFile: a, atomically: true, encoding: .utf8)
        let cmd = try #require(try HarnessCommand.parseAsRoot(["reference", "--matrix", a, "--no-cache"]) as? ReferenceCommand)
        // Refused before computing: a usage error, exit 64.
        let e = #expect(throws: ValidationError.self) { try cmd.run() }
        #expect(e?.message.contains("zero.mtx (4096×4096)") == true && e?.message.contains("--allow-long") == true, "\(String(describing: e))")
        let allowed = try #require(try HarnessCommand.parseAsRoot(["reference", "--matrix", a, "--allow-long"]) as? ReferenceCommand)
        #expect(allowed.allowLong)
    }

    /// `reference` certifies through the same certifier and cache as the suite: a later `run` on the same
    /// matrix reads the reference (and its witnesses' evidence) instead of computing it again.
    @Test("reference and run share one cache, and a real reference carries its independent witnesses")
    func sharedCache() throws {
        let dir = try tempDirectory()
        let cache = ReferenceCache(directory: URL(fileURLWithPath: "\(dir)/cache"))
        let a = Matrix<Double>(rows: 3, cols: 3, elements: [0.5, -1, 0.25, 1, 0.125, -0.5, 0.75, 0.5, -0.25])
        let first = ReferenceCertifier(cache: cache).certify(a, spec: nil)
        #expect(!first.cached && first.record.evidence.hasIndependentWitness)
        var config = quickConfig([], [Pade13AlMohy09<Double>()])
        config.certifier.cache = cache
        config.userMatrices = [UserMatrix(name: "a", path: "a.npy", real: a)]
        let run = Runner(config: config).run()
        #expect(run.cases[0].reference.cached && run.cases[0].reference.evidence == first.record.evidence)
    }

    @Test("harness run: bad files reported and skipped, complex not applicable, the rest run, exit 1")
    func runMixed() throws {
        let dir = try tempDirectory()
        try "%%MatrixMarket matrix array real general\n1 1\n0.1\n".write(toFile: "\(dir)/a.mtx", atomically: true, encoding: .utf8)
        try "%%MatrixMarket matrix array real general\n1 2\n".write(toFile: "\(dir)/bad.mtx", atomically: true, encoding: .utf8)
        try NumPyWriter.data(real: Matrix(rows: 1, cols: 1, elements: [0]), imaginary: Matrix(rows: 1, cols: 1, elements: [1]))
            .write(to: URL(fileURLWithPath: "\(dir)/c.npy"))
        let out = "\(dir)/report"
        let cmd = try #require(try HarnessCommand.parseAsRoot(
            ["run", "--matrices", dir, "--candidates", "pade13-higham05@float64", "--out", out, "--quiet", "--threads", "1"]) as? RunCommand)
        let (users, skipped) = try cmd.load()
        #expect(users.map(\.name) == ["a.mtx"])
        #expect(skipped == [
            SkippedFile(path: "\(dir)/bad.mtx", reason: "line 2: the matrix is 1×2; exp needs a square matrix", isError: true),
            SkippedFile(path: "\(dir)/c.npy", reason: "complex matrix; not applicable to the real-only candidates (`harness reference` computes its reference)", isError: false),
        ])
        #expect(throws: ExitCode(1)) { try cmd.run() }
        let report = try String(contentsOfFile: "\(out)/REPORT.md", encoding: .utf8)
        #expect(report.contains("## Files not run") && report.contains("`a.mtx`"))
        let results = try JSON.decode(RunResults.self, from: Data(contentsOf: URL(fileURLWithPath: "\(out)/results.json")))
        #expect(results.cases.count == 1 && results.cases[0].results[0].verdict == .pass)
        #expect(results.cases[0].path == "\(dir)/a.mtx")
    }

    /// 0.1 is not a Float: float32 candidates must be judged against exp(fl32(A)), and pass.
    @Test("float32 candidates on a matrix Float cannot hold are judged against exp of the rounded matrix")
    func float32Reference() {
        let a = Matrix<Double>(order: 3) { i, j in 0.1 * Double(i + 2 * j) - 0.3 }
        var config = quickConfig([], [Pade13Higham05<Float>(), Pade13Higham05<Double>()])
        config.userMatrices = [UserMatrix(name: "u", path: "u.mtx", real: a)]
        let run = Runner(config: config).run()
        let c = run.cases[0]
        #expect(c.family == "user" && c.float32Reference?.certified == true)
        for r in c.results { #expect(r.verdict == .pass, "\(r.id): \(r.errors?.normwiseRelative ?? .nan)") }
    }

    private func tempDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("matrixio-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

@Suite("Reference text and warnings")
struct ReferenceTextTests {
    /// Beyond what hi + lo carries, digits come from the certified MPFR value itself.
    @Test("40 digits come from the MPFR value, 25 from hi + lo")
    func sources() throws {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [0.1, 0.3, -0.2, 0.7])
        let m = UserMatrix(name: "a", path: "a.mtx", real: a)
        let r = UserReference.compute(m)
        let exact = TaylorReference.exponential(a, bits: 256)
        let (text40, carried40) = ReferenceText.matrixMarket(m, r, digits: 40, comments: [])
        #expect(carried40 >= 70)
        #expect(text40.contains("\n" + exact[1, 0].decimalString(digits: 40) + "\n"))
        let (text25, carried25) = ReferenceText.matrixMarket(m, r, digits: 25, comments: [])
        #expect(carried25 == HiLoMatrix.carriedDigits)
        #expect(text25.contains("\n" + MatrixMarketWriter.decimal(r.real.hi[1, 0], r.real.lo[1, 0], digits: 25) + "\n"))
    }

    @Test("warnings never let more digits be claimed than certified or carried")
    func warnings() throws {
        let cmd = try #require(try HarnessCommand.parseAsRoot(["reference", "--matrix", "a.mtx", "--digits", "50"]) as? ReferenceCommand)
        #expect(cmd.warnings(certified: 60, selfCheck: 55, carried: 70, matrixMarket: true).isEmpty)
        #expect(cmd.warnings(certified: 31, selfCheck: 55, carried: 70, matrixMarket: true).count == 1)
        #expect(cmd.warnings(certified: 60, selfCheck: 55, carried: 31, matrixMarket: true).count == 1)
        #expect(cmd.warnings(certified: 31, selfCheck: 55, carried: 15.9, matrixMarket: false).isEmpty)
        #expect(cmd.warnings(certified: 12, selfCheck: 55, carried: 15.9, matrixMarket: false).count == 1)
        // No independent witness: the self-check is named for what it is, whatever its digits.
        let selfOnly = cmd.warnings(certified: 0, selfCheck: 55, carried: 15.9, matrixMarket: false)
        #expect(selfOnly.count == 1 && selfOnly[0].contains("not a certificate"))
    }
}
