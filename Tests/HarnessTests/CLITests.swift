import ArgumentParser
@testable import FileIO
@testable import HarnessCLI
import Foundation
import Testing

@Suite("Command line")
struct CLITests {
    /// Each bad command line must be refused before any work with exit status 64 (EX_USAGE) and a
    /// message that names the problem and says what is allowed: every fragment listed must appear.
    @Test("bad arguments are refused with exit 64, naming the problem and what is allowed", arguments: [
        (["--suite", "medium"], ["'medium' is invalid for '--suite", "'quick' and 'full'"]),
        (["--sizes", "2,x"], ["--sizes", "'x' is not a non-negative integer"]),
        (["--sizes", "2,,4"], ["--sizes", "comma-separated list without empty items", "'2,,4'"]),
        (["--sizes", "5000"], ["--sizes", "5000", "supported maximum 1024"]),
        (["--candidates", "nope"], ["unknown candidate 'nope'", "known: mlx-proposal-t8@float32", "taylor-naive@float64"]),
        (["--families", "randn,zzz"], ["unknown family 'zzz'", "known: randn, nilpotent, rotation, illcond, markov, literature, sweep"]),
        (["--threads", "0"], ["--threads must be between 1 and 256", "got 0"]),
        (["--seed=-3"], ["'-3' is invalid for '--seed"]),
        (["case", "not-a-case"], ["'not-a-case' is not a case id", "randn-s1.0-n64-seed1", "harness list"]),
        (["case", "sweep-randn-norm1e-8-n8-seed1"], ["is not a case id", "as Swift prints the Double (1e-08"]),  // canonical: norm1e-08
        (["case", "randn-s1.0-n64-seed1", "--candidates", "x@float16"], ["unknown candidate 'x@float16'", "known:"]),
        (["frobnicate"], ["Unexpected argument 'frobnicate'"]),
        (["--external", "nameless"], ["--external expects NAME=COMMAND", "'nameless'"]),
        (["--external", "a b=cmd"], ["the name 'a b' must be letters, digits"]),
        (["--external", "eig=cmd"], ["the name 'eig' is already taken"]),
        (["--external", "x= "], ["--external x: the command is empty"]),
        (["--families", "randn", "--update-baseline"], ["--update-baseline: this run is narrowed", "reports/baseline-quick.json", "--gate PATH"]),
        (["--strict"], ["--strict needs --gate"]),
        (["--sizes", "-1"], ["--sizes: '-1' is not a non-negative integer"]),
        (["--sizes", "9223372036854775808"], ["--sizes: 9223372036854775808 is larger than the supported maximum 1024"]),
        (["case", "randn-s2.0-n4-seed1"], ["is not a case id", "randn σ is one of 0.1, 1.0"]),
        (["case", "randn-s0.1000-n4-seed1"], ["is not a case id"]),
        (["case", "randn-s1e308-n4-seed1"], ["is not a case id"]),
        (["reference", "--matrix", "a.npy", "--matrix", "b.npy"], ["--matrix is given 2 times ('a.npy', 'b.npy'); give it once"]),
        (["check", "--matrix", "a.npy", "--result", "x.npy", "--result", "y.npy"], ["--result is given 2 times"]),
        (["reference"], ["--matrix is required"]),
        (["--out", "/proc/expm-report"], ["--out: cannot write '/proc/expm-report': '/proc' does not take new files"]),
        (["reference", "--matrix", "a.npy", "--out", "/proc/e.npy"], ["--out: cannot write '/proc/e.npy'"]),
        (["--families", "randn", "--gate", "/proc/b.json", "--update-baseline"], ["--update-baseline: cannot write '/proc/b.json'"]),
        (["bench", "protocol"], ["name a worker to measure with --adapters or --external"]),
        (["bench", "protocol", "--external", "w=cmd", "--requests", "0"], ["--requests must be between 1 and 10000", "got 0"]),
    ])
    func rejects(args: [String], expected: [String]) throws {
        let r = try #require(refusal(args), "\(args) was accepted")
        for fragment in expected { #expect(r.message.contains(fragment), "message for \(args): \(r.message)") }
        #expect(r.exitCode == 64, "exit status for \(args)")
    }

    @Test("the default command is a suite run with the documented defaults")
    func defaults() throws {
        let cmd = try HarnessCommand.parseAsRoot(["--suite", "full"])
        let suite = try #require(cmd as? SuiteCommand)
        #expect(suite.suite == .full)
        #expect(suite.seed == 1)
        #expect(suite.gate == nil && !suite.updateBaseline)
    }

    @Test("case and list parse")
    func subcommands() throws {
        #expect(try HarnessCommand.parseAsRoot(["case", "nilpotent-shift-n4"]) is CaseCommand)
        #expect(try HarnessCommand.parseAsRoot(["list"]) is ListCommand)
        #expect(try HarnessCommand.parseAsRoot(["case", "sweep-randn-norm1e-08-n8-seed1"]) is CaseCommand)
    }

    @Test("--families accepts sweep, alone or with others")
    func sweepFamily() throws {
        for list in ["sweep", "randn,sweep"] {
            let cmd = try #require(try HarnessCommand.parseAsRoot(["--families", list, "--out", "/tmp"]) as? SuiteCommand)
            #expect(try Selection.families(cmd.families).contains(.sweep))
        }
    }

    @Test("run on a directory without matrix files is refused, not an empty report")
    func emptyDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try #require(refusal(["run", "--matrices", dir.path, "--out", dir.appendingPathComponent("out").path]))
        #expect(r.exitCode == 64 && r.message.contains("holds no .mtx or .npy file"), "\(r.message)")
    }

    @Test("output paths: bare relative names, nested missing directories and the root are checked without creating anything")
    func writability() throws {
        #expect(Writability.parent(of: "m") == "." && Writability.parent(of: "a/b/") == "a" && Writability.parent(of: "/x") == "/")
        let name = "never-made-\(getpid())"
        try Writability.directory(name)
        try Writability.file("\(name).npy")
        try Writability.directory("\(name)/deeper/still")
        #expect(!FileManager.default.fileExists(atPath: name))
        #expect(refusal(["--families", "randn", "--out", name]) == nil)
        #expect(throws: HarnessError.self) { try Writability.file(FileManager.default.temporaryDirectory.path) }
    }

    @Test("a refused command line creates no output directory", arguments: [["frobnicate"], ["--bogus"], ["--sizes", "x"]])
    func refusedCreatesNothing(args: [String]) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(getpid())-\(args[0])").path
        #expect(refusal(args + ["--out", out]) != nil)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a bad --gate is refused before the output directory is created")
    func badGateCreatesNothing() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(getpid())").path
        let r = try #require(refusal(["--gate", "/nonexistent/baseline.json", "--out", out]))
        #expect(r.exitCode == 64 && r.message.contains("--gate: cannot read baseline '/nonexistent/baseline.json'"), "\(r.message)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
