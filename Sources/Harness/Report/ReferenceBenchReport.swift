import Certification
import Measurement

extension ReferenceBench {
    /// `harness bench reference` as markdown, with the machine it ran on.
    public func markdown(machine: MachineInfo) -> String {
        var lines = [
            "# Certified reference cost", "",
            "`\(command)` at commit `\(commit)` on \(machine.cpu), \(machine.cores) cores, \(Format.fixed(machine.memoryGiB)) GiB; \(machine.os).", "",
            "\"MPFR\": wall time of the MPFR certification (Taylor reference at 256 bits and its 192-bit self-check, "
                + "the independent witnesses that apply, κ_exp), the Taylor part alone, its certified digits and their basis. "
                + "\"fast\": the certification above n = 256, run here at every order: the double-double engine with its self-check "
                + "at one more scaling (`FastReference`), the modular witness (exact CRT integer products, Horner Taylor; shares "
                + "neither kernel nor series code with the engine), closed forms where the case has one, κ_exp; its wall time, the "
                + "engine's part, certified digits and basis, agreement with the MPFR reference where that ran, the self-check's "
                + "digits. \"Arb\": `arb_mat_exp` on the same matrix (one thread), independent of all of them, and its agreement with "
                + "the MPFR reference, or with the fast reference where MPFR was not run. Digits are normwise and capped at the 31 "
                + "stored. Peak memory: the process's peak resident set after that size (sizes run in increasing order).", "",
            "| case | n | MPFR: certify | reference | digits | fast: certify | engine | digits | basis | vs MPFR | self-check | Arb | Arb agrees | peak memory |",
            "|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|",
        ]
        for r in rows {
            lines.append("| `\(r.caseID)` | \(r.n) | \(Format.time(r.seconds)) | \(Format.time(r.referenceSeconds)) | "
                + "\(Format.fixed(r.certifiedDigits)) | \(Format.time(r.fastSeconds)) | \(Format.time(r.fastReferenceSeconds)) | "
                + "\(Format.fixed(r.fastCertifiedDigits)) | \(r.fastBasis ?? "—") | \(Format.fixed(r.fastDigits)) | "
                + "\(Format.fixed(r.fastSelfCheckDigits)) | \(Format.time(r.arbSeconds)) | \(Format.fixed(r.arbDigits)) | "
                + "\(Format.fixed(r.peakBytes / 1e6, 0)) MB |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
