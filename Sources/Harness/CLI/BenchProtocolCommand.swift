import ArgumentParser
import Cases
import External
import FileIO
import Foundation
import Linalg
import Measurement
import Reporting

/// `harness bench protocol`: what the worker protocol adds to a call of each external candidate.
struct BenchProtocolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protocol",
        abstract: "Measure what reaching an external candidate costs per request, beside the call itself.",
        discussion: """
            For each worker, precision and order: one warm-up request, then --requests single-call expm \
            requests on the suite's randn σ = 1 case of that order. Each request is timed by the harness \
            around the whole exchange (input file written, request sent, reply read, result file read back) \
            and by the worker around its call alone; the overhead is the difference (medians printed). A \
            timing request repeats the call many times (≥ 0.05 s in total), so it carries this overhead once \
            for all its repeats; the accuracy call carries it whole, outside any timing.
            """)

    @OptionGroup var workers: WorkerOptions

    @Option(parsing: .unconditional, help: "Comma-separated orders. Default: 4,64,256,1024.")
    var sizes: String = "4,64,256,1024"

    @Option(help: "Requests measured per worker, precision and order (after one warm-up). Default: 21.")
    var requests: Int = 21

    @Option(help: "BLAS threads for the workers' libraries. Default: all cores.")
    var threads: Int?

    @Option(help: "A directory to write protocol.md and protocol.json into (besides printing the table).")
    var out: String?

    func validate() throws {
        guard !(try workers.workers()).isEmpty else {
            throw ValidationError("name a worker to measure with --adapters or --external")
        }
        _ = try Selection.sizes(sizes, default: .quick)
        _ = try Selection.threads(threads)
        guard (1...10_000).contains(requests) else { throw ValidationError("--requests must be between 1 and 10000, got \(requests)") }
        if let out { try checkWritable(out) }
    }

    func run() throws {
        let sizes = try Selection.sizes(sizes, default: .quick)
        var rows = [ProtocolOverhead]()
        for (name, command) in try workers.workers() {
            let session: WorkerSession
            do { session = try WorkerSession(name: name, command: command, threads: try Selection.threads(threads)) } catch {
                throw ValidationError("\(name): \(error)")
            }
            for precision in [Precision.float32, .float64] where session.hello.precisions.contains(precision.rawValue) {
                for n in sizes {
                    var a = CaseSpec(.randn(sigma: "1.0"), n: n, seed: Suite.defaultSeed).matrix()
                    if precision == .float32 { a = a.converted(to: Float.self).converted(to: Double.self) }
                    FileHandle.standardError.write(Data("bench protocol: \(name)@\(precision) n = \(n)\n".utf8))
                    do {
                        rows.append(try ProtocolOverhead.measure(session, on: a, precision: precision, requests: requests))
                    } catch {
                        FileHandle.standardError.write(Data("  \(name)@\(precision) n = \(n) failed: \(error)\n".utf8))
                    }
                }
            }
        }
        let table = ProtocolOverheadReport(rows: rows, machine: .current(), commit: MachineInfo.gitCommit(),
                                           command: harnessCommandLine)
        print(table.markdown)
        if let out { try writeBench(markdown: table.markdown, json: JSON.encode(table), name: "protocol", to: out) }
    }
}
