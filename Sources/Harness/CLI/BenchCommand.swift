import ArgumentParser

/// `harness bench …`: benchmarks that measure the harness's own machinery on this machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of the harness itself (no verdicts): the worker protocol's overhead.",
        subcommands: [BenchProtocolCommand.self])
}
