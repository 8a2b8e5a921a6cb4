import Certification
import Measurement

extension ReferenceBench {
    /// `harness bench reference` as markdown, with the machine it ran on.
    public func markdown(machine: MachineInfo) -> String {
        var lines = [
            "# Certified reference cost", "",
            "`\(command)` at commit `\(commit)` on \(machine.cpu), \(machine.cores) cores, \(Format.fixed(machine.memoryGiB)) GiB; \(machine.os).", "",
            "\"certify\": wall time of the whole certification (MPFR Taylor reference at 256 bits and its 192-bit self-check, "
                + "the independent witnesses that apply, κ_exp); \"reference\": the Taylor part alone; peak memory: the process's "
                + "peak resident set after that size (sizes run in increasing order). \"Arb\": `arb_mat_exp` on the same matrix and "
                + "its agreement with the reference (digits, capped at the 31 stored).", "",
            "| case | n | certify | reference | certified digits | basis | peak memory | Arb | Arb agrees |",
            "|---|--:|--:|--:|--:|---|--:|--:|--:|",
        ]
        for r in rows {
            lines.append("| `\(r.caseID)` | \(r.n) | \(Format.time(r.seconds)) | \(Format.time(r.referenceSeconds)) | "
                + "\(Format.fixed(r.certifiedDigits)) | \(r.basis) | \(Format.fixed(r.peakBytes / 1e6, 0)) MB | "
                + "\(Format.time(r.arbSeconds)) | \(Format.fixed(r.arbDigits)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
