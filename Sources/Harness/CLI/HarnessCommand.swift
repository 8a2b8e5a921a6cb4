import ArgumentParser
import Cases

/// `harness`: runs expm candidates against certified references and writes reports.
public struct HarnessCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "harness",
        abstract: "Accuracy and speed of matrix-exponential implementations against certified MPFR references.",
        discussion: """
            With no subcommand, runs a suite: `harness --suite quick|full`.
            Reports go to reports/<suite>/REPORT.md and results.json.
            Suites: \(Suite.allValueStrings.joined(separator: ", ")). \
            Families: \(Family.allValueStrings.joined(separator: ", ")).
            """,
        subcommands: [SuiteCommand.self, CaseCommand.self, ListCommand.self, AuditCommand.self,
                      ReferenceCommand.self, RunCommand.self, CheckCommand.self, MergeCommand.self, BenchCommand.self],
        defaultSubcommand: SuiteCommand.self)

    public init() {}
}
