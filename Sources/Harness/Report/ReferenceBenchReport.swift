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
                + "peak resident set after that size (sizes run in increasing order). \"fast path\": the double-double Taylor "
                + "with Ozaki products (`DoubleDoubleExp`, not yet the certifier's), its digits of agreement with the MPFR reference "
                + "and with itself at one more scaling (a self-check: same algorithm). \"Arb\": `arb_mat_exp` on the same matrix, "
                + "independent of both, and its agreement with the MPFR reference, or with the fast path where MPFR was not run "
                + "(digits, capped at the 31 stored).", "",
            "| case | n | certify (MPFR) | reference | certified digits | basis | fast path | vs MPFR | self-check | Arb | Arb agrees | peak memory |",
            "|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|",
        ]
        for r in rows {
            lines.append("| `\(r.caseID)` | \(r.n) | \(Format.time(r.seconds)) | \(Format.time(r.referenceSeconds)) | "
                + "\(Format.fixed(r.certifiedDigits)) | \(r.basis) | \(Format.time(r.fastSeconds)) | \(Format.fixed(r.fastDigits)) | "
                + "\(Format.fixed(r.fastSelfCheckDigits)) | \(Format.time(r.arbSeconds)) | \(Format.fixed(r.arbDigits)) | "
                + "\(Format.fixed(r.peakBytes / 1e6, 0)) MB |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
