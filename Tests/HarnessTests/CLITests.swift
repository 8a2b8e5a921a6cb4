import ArgumentParser
@testable import HarnessCLI
import Testing


@Suite("Command line")
struct CLITests {
    /// Each bad command line must be refused before any work, with a message naming the problem.
    @Test("bad arguments are rejected with a clear message", arguments: [
        (["--suite", "medium"], "medium"),
        (["--sizes", "2,x"], "'x' is not a non-negative integer"),
        (["--sizes", "2,,4"], "without empty items"),
        (["--sizes", "5000"], "larger than the supported maximum"),
        (["--candidates", "nope"], "unknown candidate 'nope'"),
        (["--families", "randn,zzz"], "unknown family 'zzz'"),
        (["--threads", "0"], "--threads must be between 1 and 256"),
        (["--seed=-3"], "-3"),
        (["case", "not-a-case"], "'not-a-case' is not a case id"),
        (["case", "sweep-randn-norm1e-8-n8-seed1"], "is not a case id"),  // canonical spelling: norm1e-08
        (["case", "randn-s1.0-n64-seed1", "--candidates", "x@float16"], "unknown candidate 'x@float16'"),
        (["frobnicate"], "frobnicate"),
    ])
    func rejects(args: [String], expected: String) {
        do {
            _ = try HarnessCommand.parseAsRoot(args)
            Issue.record("\(args) was accepted")
        } catch {
            let message = HarnessCommand.message(for: error)
            #expect(message.contains(expected), "message for \(args): \(message)")
            #expect(HarnessCommand.exitCode(for: error) != .success)
        }
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
}
