import ArgumentParser

/// `harness bench …`: benchmarks that measure the harness's own machinery on this machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (no verdicts): candidates' run times, the worker protocol's overhead.",
        subcommands: [BenchCandidatesCommand.self, BenchProtocolCommand.self])
}
