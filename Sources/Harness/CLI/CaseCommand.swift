import ArgumentParser
import Candidates
import Cases
import Foundation
import Linalg
import Measurement
import Reference
import Reporting

/// `harness case ID`: regenerates one case, computes its reference and prints every candidate's
/// result in detail.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Rerun one case by its id and print the details.")

    @Argument(help: "Case id, e.g. randn-s1.0-n64-seed1 (see `harness list`).")
    var id: String

    @OptionGroup var options: RunOptions

    @Flag(help: "Also print the matrix, the reference and each result (n ≤ 8).")
    var print = false

    func validate() throws {
        guard CaseSpec(id: id) != nil else {
            throw ValidationError("'\(id)' is not a case id. Expected e.g. randn-s1.0-n64-seed1, "
                + "nilpotent-shift-n16, illcond-vdv-k8-n16-seed1, sweep-randn-norm1e-08-n8-seed1 (n ≤ \(CaseSpec.maxOrder)); "
                + "see `harness list`."
                + (id.hasPrefix("sweep-") ? " A sweep norm is written as Swift prints the Double (1e-08, 2.5, 10000.0), "
                    + "between 2^-100 and 2^100, and n ≥ \(NormSweep.minimumOrder)." : "")
                + (id.hasPrefix("randn-") ? " The randn σ is one of \(CaseSpec.randnSigmas.joined(separator: ", ")), spelled so." : ""))
        }
    }

    func run() throws {
        let spec = CaseSpec(id: id)!
        var config = try options.config(suiteName: "case", cases: [spec], seed: spec.seed ?? 0)
        config.showProgress = false  // one case: its details follow at once
        try options.checkCost(config, [(spec.id, spec.matrix())])
        let results = Runner(config: config).run()
        let c = results.cases[0]
        Swift.print("case \(c.id): family \(c.family), n = \(c.n), ‖A‖₁ = \(Format.sci(c.norm1))")
        if case .sweep(_, let norm) = spec.variant {
            let labels = NormSweep.labels(for: spec)
            Swift.print("sweep target ‖A‖₁ = \(norm): " + (labels.isEmpty ? "not one of the sweep's targets" : labels.joined(separator: "; ")))
        }
        for line in ResultText.reference(c.reference) { Swift.print(line) }
        for r in c.results { Swift.print(describe(r)) }
        if print { try printMatrices(spec, config.candidates) }
    }

    private func describe(_ r: CandidateRecord) -> String {
        var s = "\n\(r.id): \(r.outcome.rawValue)\(r.message.map { " — \($0)" } ?? "")"
        s += "\n  choice \(r.choice?.description ?? "not reported"); "
            + (r.products.map { "\($0) products, \(r.solves ?? 0) solves" } ?? "operations not observed")
        for line in ResultText.accuracy(r) { s += "\n" + line }
        s += "\n  verdict \(r.verdict.rawValue); time \(Format.time(r.seconds)) = \(Format.fixed(r.timeInProducts)) products of \(Format.time(r.productSeconds))"
        return s
    }

    /// The matrices, for `--print`, with the run's candidates (external workers are not started again).
    private func printMatrices(_ spec: CaseSpec, _ candidates: [any ExpmCandidate]) throws {
        guard spec.n <= 8 else { throw ValidationError("--print is limited to n ≤ 8") }
        let a = spec.matrix()
        Swift.print("\nA =\n" + render(a))
        Swift.print("reference exp(A) (rounded to Double) =\n" + render(TaylorReference.compute(a).hi))
        for c in candidates {
            if let (x, _) = try? c.run(a) { Swift.print("\(c.id) =\n" + render(x)) }
        }
    }

    private func render(_ m: Matrix<Double>) -> String {
        (0..<m.rows).map { i in
            (0..<m.cols).map { j in String(format: "%24.17e", m[i, j]) }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}
