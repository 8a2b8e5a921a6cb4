import External
import Measurement

/// `harness bench protocol`'s output: the machine, and per worker, precision and order the median call,
/// request and overhead times.
public struct ProtocolOverheadReport: Codable, Sendable {
    public var rows: [ProtocolOverhead]
    public var machine: MachineInfo
    public var commit: String
    public var command: String

    public init(rows: [ProtocolOverhead], machine: MachineInfo, commit: String, command: String) {
        (self.rows, self.machine, self.commit, self.command) = (rows, machine, commit, command)
    }

    public var markdown: String {
        var lines = [
            "# Worker protocol overhead", "",
            "`\(command)` at commit `\(commit)` on \(machine.cpu), \(machine.cores) cores, \(Format.fixed(machine.memoryGiB)) GiB; \(machine.os).", "",
            "Medians over the requests. \"call\": the worker's own time of exp(A) alone; \"request\": the harness's time of "
                + "the whole single-call request (input file, JSON lines, call, result file read back); \"overhead\": request − call. "
                + "A timing request carries the overhead once for all its repeats.", "",
            "| worker | precision | n | requests | call | request | overhead | overhead ÷ call |",
            "|---|---|--:|--:|--:|--:|--:|--:|",
        ]
        for r in rows {
            lines.append("| `\(r.worker)` | \(r.precision) | \(r.n) | \(r.requests) | \(Format.time(r.callSeconds)) | "
                + "\(Format.time(r.requestSeconds)) | \(Format.time(r.overheadSeconds)) | \(Format.fixed(r.ratio, 2)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
