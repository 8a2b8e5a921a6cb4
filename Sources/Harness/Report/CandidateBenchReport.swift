import Measurement

extension CandidateBench {
    /// `harness bench candidates` as markdown: per order, each candidate's median time and time in products.
    public var markdown: String {
        var lines = [
            "# Candidate run times", "",
            "`\(command)` at commit `\(commit)` on \(machine.cpu), \(machine.cores) cores, \(Format.fixed(machine.memoryGiB)) GiB; "
                + "\(machine.os); BLAS \(blasLibrary), \(blasThreads) thread(s).", "",
            "Median of ≥ \(timing.minRepeats) calls (and ≥ \(Format.time(timing.minTotalSeconds)) in total; \(timing.slowRepeats) once they take ≥ \(Format.time(timing.slowTotalSeconds))) after \(timing.warmups) warm-up, "
                + "on the suite's randn σ = 1 case of each order (no reference is computed). \"in products\": the time divided by "
                + "that of one n×n product in the same precision measured in the same run (the library's own product for an "
                + "external candidate). Accuracy is not judged here: see the suite's report.", "",
            "| candidate | n | case | choice | time | product | time in products |",
            "|---|--:|---|---|--:|--:|--:|",
        ]
        for r in rows {
            lines.append("| `\(r.candidate)` | \(r.n) | `\(r.caseID)` | \(r.choice?.description ?? "—") | \(Format.time(r.seconds)) | "
                + "\(Format.time(r.productSeconds)) | \(Format.fixed(r.timeInProducts)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
