import ArgumentParser
import FileIO
import Foundation
import Measurement
import Reporting

/// `harness run --matrix FILE … | --matrices DIR`: every candidate on the user's matrices, with
/// the report of a suite. Bad files are reported and skipped (exit status 1 after the report);
/// complex files are skipped as not applicable, since the candidates are real-only.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the candidates on matrices from files (.mtx, .npy) and write a report.",
        discussion: """
            A file that cannot be read is listed in the report with its error and skipped; the others still \
            run, and the command then exits with status 1. Complex matrices are listed as not applicable \
            (every candidate is real-only) and skipped. Float32 candidates are judged against exp of the \
            matrix rounded to float32, which is what they compute with.
            """)

    @Option(help: "A matrix file (.mtx or .npy); repeat for several.")
    var matrix: [String] = []

    @Option(help: "A directory: every .mtx and .npy file in it (not recursive).")
    var matrices: String?

    @OptionGroup var options: RunOptions

    @Option(help: "Output directory.")
    var out = "reports/user"

    func validate() throws {
        guard !matrix.isEmpty || matrices != nil else {
            throw ValidationError("give --matrix FILE (repeatable) or --matrices DIR")
        }
        for path in matrix where MatrixFile.Format(path: path) == nil {
            throw ValidationError("--matrix: '\(path)' has an unknown extension; expected .mtx or .npy")
        }
        if let dir = matrices {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw ValidationError("--matrices: '\(dir)' is not a directory")
            }
            if matrix.isEmpty, (try? MatrixFile.list(directory: dir))?.isEmpty ?? false {
                throw ValidationError("--matrices: '\(dir)' holds no .mtx or .npy file; nothing to run")
            }
        }
        guard !out.isEmpty else { throw ValidationError("--out must not be empty") }
        try checkWritable(out)
    }

    func run() throws {
        let (users, skipped) = try load()
        var config = try options.config(suiteName: "user", cases: [], seed: 0)
        try options.checkCost(config, users.map { ($0.name, $0.real) })
        config.userMatrices = users
        var results = Runner(config: config).run()
        results.skipped = skipped
        try ReportWriter.write(results, to: out)
        for s in skipped { print("\(s.isError ? "error" : "skipped"): \(s.path): \(s.reason)") }
        print(ReportWriter.summaryLine(results, dir: out))
        if skipped.contains(where: \.isError) { throw ExitCode(1) }
    }

    /// The real matrices to run, and the files set aside with the reason.
    func load() throws -> ([UserMatrix], [SkippedFile]) {
        var paths = matrix
        if let dir = matrices { paths += try MatrixFile.list(directory: dir) }
        var users = [UserMatrix](), skipped = [SkippedFile]()
        for path in paths {
            do {
                var m = try MatrixFile.read(path)
                if m.isComplex {
                    skipped.append(SkippedFile(path: path, reason: "complex matrix; not applicable to the real-only candidates (`harness reference` computes its reference)", isError: false))
                    continue
                }
                m.name = uniqueName(m.name, taken: users.map(\.name))
                users.append(m)
            } catch {
                let reason = (error as? MatrixFileError)?.locatedMessage ?? String(describing: error)
                skipped.append(SkippedFile(path: path, reason: reason, isError: true))
            }
        }
        return (users, skipped)
    }

    /// `name`, or `name#2`, `name#3`… when files in different directories share a name.
    private func uniqueName(_ name: String, taken: [String]) -> String {
        var candidate = name, k = 1
        while taken.contains(candidate) { k += 1; candidate = "\(name)#\(k)" }
        return candidate
    }
}
