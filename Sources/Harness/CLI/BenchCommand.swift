import ArgumentParser

/// `harness bench …`: benchmarks that measure the harness's own machinery on this machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (no verdicts): certified references, candidates' run times, the worker protocol's overhead.",
        subcommands: [BenchReferenceCommand.self, BenchCandidatesCommand.self, BenchProtocolCommand.self])
}
