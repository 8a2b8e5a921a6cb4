import ArgumentParser
import FileIO
import Foundation

/// The workers a benchmark adds: shipped adapters and external commands.
struct WorkerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Comma-separated shipped adapters (scipy, torch, jax, mlx).", valueName: "list"))
    var adapters: String?

    @Option(help: ArgumentHelp("An external worker, NAME=COMMAND. Repeatable.", valueName: "name=command"))
    var external: [String] = []

    /// Name and command of each worker, validated.
    func workers() throws -> [(name: String, command: String)] {
        try Selection.adapters(adapters) + Selection.externals(external)
    }

    /// The same workers as `RunOptions` arguments.
    var runArguments: [String] { external.flatMap { ["--external", $0] } + (adapters.map { ["--adapters", $0] } ?? []) }
}

/// This process's command line as reports state it ("harness …").
var harnessCommandLine: String { (["harness"] + CommandLine.arguments.dropFirst()).joined(separator: " ") }

/// Writes a benchmark's markdown and JSON as `<name>.md` and `<name>.json` in `dir`.
func writeBench(markdown: String, json: Data, name: String, to dir: String) throws {
    try AtomicWrite.write(markdown, to: (dir as NSString).appendingPathComponent("\(name).md"))
    try AtomicWrite.write(json, to: (dir as NSString).appendingPathComponent("\(name).json"))
}
