import Candidates
@testable import Cases
import Foundation
import Linalg
@testable import Measurement
import Testing


@Suite("Structure checks and the markov family")
struct StructureTests {
    @Test("markov ids round-trip and give rate matrices: off-diagonal ≥ 0, rows summing to exactly 0",
          arguments: ["markov-dense-n16-seed1", "markov-stiff-k6-n64-seed2", "markov-dense-n2-seed3"])
    func rateMatrices(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        #expect(spec.id == id && spec.family == .markov)
        let a = spec.matrix()
        #expect(StructureMetrics.isRateMatrix(a))
        #expect(a.elements.allSatisfy { Double(Float($0)) == $0 })
    }

    /// Stiffness: rows are scaled by up to 2^⌈k·log₂10⌉, so the largest |a_ii| exceeds the smallest by
    /// far more than a dense matrix's (whose rates all lie in [0, 1]).
    @Test("the stiff variant spans many orders of magnitude")
    func stiff() {
        let a = CaseSpec(id: "markov-stiff-k6-n64-seed1")!.matrix()
        let diag = (0..<64).map { abs(a[$0, $0]) }.filter { $0 > 0 }
        #expect(diag.max()! / diag.min()! > 1e4)
    }

    /// A forward-stable algorithm keeps the identities and structure to rounding level on
    /// well-conditioned input: each is a product or sum of O(1) results, so a few hundred u covers
    /// n = 16: c·max(1, ‖A‖₁)·u with the verdict's c = 50 and ‖A‖₁ ≈ 10 standing for κ_exp, which is of
    /// that size at these normal (skew, symmetric) and diagonally dominated rate matrices.
    @Test("pade13-higham05 keeps identities, orthogonality and stochasticity to rounding level")
    func padeKeepsStructure() throws {
        let u = 0x1p-53
        let c = Pade13Higham05<Double>()
        for id in ["rotation-skew-n16-seed1", "markov-dense-n16-seed1", "literature-burkardt02-symmetric"] {
            let a = CaseSpec(id: id)!.matrix()
            let x = try c.run(a).value
            let m = StructureMetrics.measure(c, a: a, x: x)
            let bound = 50 * u * max(1, a.norm1)
            #expect(try #require(m.inverseIdentity) <= bound, "\(id)")
            #expect(try #require(m.squareIdentity) <= bound, "\(id)")
            if id.hasPrefix("rotation") { #expect(try #require(m.orthogonalityLoss) <= bound) }
            if id.hasPrefix("markov") {
                #expect(try #require(m.rowSumError) <= bound)
                #expect(try #require(m.negativeEntry) >= -bound)
            }
            if id.hasPrefix("literature") { #expect(try #require(m.symmetryLoss) <= bound) }
        }
    }

    /// The posted T8's wrong coefficient breaks exp(A)·exp(−A) = I far above rounding on a rotation
    /// (its rotation errors are ~1e-8 in float64): the reference-free check sees the defect too.
    @Test("the checks catch the posted T8's defect without a reference")
    func catchesDefect() throws {
        let c = MLXProposalT8<Double>()
        let a = CaseSpec(id: "rotation-blocks-n4-seed1")!.matrix()
        let m = StructureMetrics.measure(c, a: a, x: try c.run(a).value)
        #expect(try #require(m.orthogonalityLoss) > 1e-10)
    }
}
