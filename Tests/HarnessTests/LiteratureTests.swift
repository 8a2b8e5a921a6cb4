import Candidates
@testable import Cases
import Foundation
import Linalg
@testable import Measurement
import Reference
import Testing


let literatureIDs = LiteratureCatalog.all.map { "literature-\($0.name)" }
let literatureClosedFormIDs = LiteratureCatalog.all.filter(\.hasClosedForm).map { "literature-\($0.name)" }

@Suite("The literature family")
struct LiteratureTests {
    @Test("at least 25 matrices, unique names and ids, orders ≤ 128, every entry cited")
    func catalog() {
        #expect(LiteratureCatalog.all.count >= 25)
        #expect(Set(literatureIDs).count == literatureIDs.count)
        for e in LiteratureCatalog.all {
            #expect(e.order <= 128)
            #expect(e.rows.allSatisfy { $0.count == e.order }, "\(e.name) is not square")
            #expect(!e.source.isEmpty && !e.note.isEmpty)
            #expect(!e.name.isEmpty && e.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" })
        }
        #expect(LiteratureCatalog.all.contains { $0.order == 0 })
        #expect(LiteratureCatalog.all.contains { $0.order == 1 })
    }

    @Test("every literature id parses back to itself, with the matrix's own order", arguments: literatureIDs)
    func idRoundTrip(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        #expect(spec.id == id)
        #expect(spec.family == .literature && spec.seed == nil)
        #expect(spec.n == spec.matrix().rows)
        // The order given to the initialiser does not matter.
        #expect(CaseSpec(spec.variant, n: 999, seed: 7) == spec)
    }

    @Test("malformed literature ids are rejected", arguments: [
        "literature", "literature-", "literature-nope", "literature-ward77-1-n3", "literature-ward77-1-seed1",
        "Literature-ward77-1", "literature-ward77-1 ",
    ])
    func rejects(id: String) {
        #expect(CaseSpec(id: id) == nil)
    }

    @Test("matrix() is deterministic and finite", arguments: literatureIDs)
    func deterministic(id: String) {
        let a = CaseSpec(id: id)!.matrix()
        #expect(fingerprint(a) == fingerprint(CaseSpec(id: id)!.matrix()))
        #expect(a.isFinite && a.isSquare)
    }

    @Test("both suites list every literature matrix exactly once, whatever the sizes")
    func suites() {
        for sizes in [Suite.quick.sizes, Suite.full.sizes, [3]] {
            let ids = Suite.cases(families: [.literature], sizes: sizes, seed: 5, suite: .quick).map(\.id)
            #expect(ids == literatureIDs)
        }
        let all = Suite.cases(families: Family.allCases, sizes: Suite.full.sizes, seed: 1, suite: .full)
        #expect(all.filter { $0.family == .literature }.count == LiteratureCatalog.all.count)
    }

    /// The closed forms are evaluated in MPFR at 256 bits; each takes a handful of operations on
    /// exactly represented data (Sylvester/Hermite products of small-integer matrices, 2×2 forms),
    /// so their relative error is far below 1e-60 except where they cancel (e.g. sinh ε/ε for
    /// ε = 2^-52 loses 52 bits, still leaving ≈ 1e-60). The reference is certified to ≥ 25 digits
    /// and its hi + lo carries ≈ 2^-106 ≈ 1e-32 per entry. So the entrywise difference must be
    /// ≤ 1e-25 of the largest entry; where exp underflows Double, hi + lo holds the entry rounded
    /// to Double's subnormal grid, hence the additional 2^-1074.
    @Test("the certified reference agrees with the closed form", arguments: literatureClosedFormIDs)
    func closedForm(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        guard case .literature(let name) = spec.variant else { Issue.record("not literature"); return }
        let entry = try #require(LiteratureCatalog.entry(named: name))
        let exact = try #require(entry.exactExponential(bits: 256))
        let a = spec.matrix()
        #expect(exact.order == a.rows)
        let ref = TaylorReference.compute(a)
        #expect(ref.certificate.normwiseDigits >= 25, "\(id): reference certified to \(ref.certificate.normwiseDigits) digits")
        let n = a.rows
        guard n > 0 else { return }
        let refMP = MPMatrix.fromHiLo(ref.hi, ref.lo, precision: 256)
        var largest = MPFloat(0, precision: 256)
        for i in 0..<n { for j in 0..<n where largest < exact[i, j].magnitude { largest = exact[i, j].magnitude } }
        let tolerance = largest * MPFloat(1e-25, precision: 256) + MPFloat(0x1p-1074, precision: 256)
        for i in 0..<n {
            for j in 0..<n {
                let d = (exact[i, j] - refMP[i, j]).magnitude
                #expect(!(tolerance < d), "\(id) (\(i), \(j)): closed form \(exact[i, j].decimalString()) vs reference \(refMP[i, j].decimalString())")
            }
        }
    }

    /// Double evaluations of a few closed forms as the sources print them, to 1e-14 relative:
    /// each is a short, well-conditioned expression (no cancellation beyond a factor 2), so
    /// Double evaluation is accurate to a few ulps, and agrees with the MPFR closed form.
    @Test("published closed forms in Double agree with the MPFR closed forms")
    func doubleClosedForms() throws {
        let e = M_E, e4 = Foundation.exp(4.0), e16 = Foundation.exp(16.0)
        let cases: [(String, [[Double]])] = [
            ("burkardt08-wikipedia", [[13 * e16 - e4, 13 * e16 - 5 * e4, 2 * e16 - 2 * e4],
                                      [-9 * e16 + e4, -9 * e16 + 5 * e4, -2 * e16 + 2 * e4],
                                      [16 * e16, 16 * e16, 4 * e16]].map { $0.map { 0.25 * $0 } }),
            ("scipy-bidiagonal", [[e, 3 * e, 15 * (e * e - 2 * e)], [0, e, 5 * (e * e - e)], [0, 0, e * e]]),
            ("scipy-2x2", [[(e4 + 1) / (2 * e), (e4 - 1) / e], [(e4 - 1) / (4 * e), (e4 + 1) / (2 * e)]]),
            ("burkardt05-nilpotent", [[1, 6, 18, 36], [0, 1, 6, 18], [0, 0, 1, 6], [0, 0, 0, 1]]),
        ]
        for (name, expected) in cases {
            let exact = try #require(LiteratureCatalog.entry(named: name)?.exactExponential(bits: 256))
            let scale = expected.flatMap { $0 }.map(abs).max()!
            for i in expected.indices {
                for j in expected.indices {
                    #expect(abs(exact[i, j].double - expected[i][j]) <= 1e-14 * scale, "\(name) (\(i), \(j))")
                }
            }
        }
    }

    @Test("expected behaviours: underflow to zero, Float overflow, 0×0 and 1×1")
    func behaviours() throws {
        let stan = TaylorReference.compute(CaseSpec(id: "literature-stan-2615-underflow")!.matrix())
        #expect(stan.hi.elements.allSatisfy { $0 == 0 })
        let tree = TaylorReference.compute(CaseSpec(id: "literature-scipy-gh11839-tree")!.matrix())
        #expect(tree.hi[0, 0] == 0 && tree.hi[0, 1] == 0 && abs(tree.hi[0, 3] - 0.25) < 1e-3)
        let torch = TaylorReference.compute(CaseSpec(id: "literature-pytorch-114080")!.matrix())
        #expect(torch.hi.isFinite && torch.hi.elements.map(abs).max()! > Double(Float.greatestFiniteMagnitude))
        #expect(CaseSpec(id: "literature-scipy-0x0")!.n == 0)
        // Double overflow: every entry of exp(M) is +Inf in Double, and a candidate returning +Inf
        // there gives the right answer (outcome ok, nothing finite to measure).
        let big = CaseSpec(id: "literature-scipy-gh7433-arange128")!.matrix()
        let overflow = TaylorReference.compute(big)
        #expect(overflow.hi.elements.allSatisfy { $0 == .infinity })
        #expect(overflow.certificate.normwiseDigits >= 25)
        let one = TaylorReference.compute(CaseSpec(id: "literature-scipy-1x1")!.matrix())
        #expect(abs(one.hi[0, 0] - M_E) <= M_E.ulp)
    }
}

/// Returns I + A exactly in Float: the exponential of a nilpotent A with A² = 0.
struct NilpotentSquareZeroFloat: ExpmCandidate {
    typealias Scalar = Float
    let name = "i-plus-a"
    let source = "test double"
    func exp(_ a: Matrix<Float>) throws -> ExpmResult<Float> {
        ExpmResult(value: Matrix(order: a.rows) { i, j in a[i, j] + (i == j ? 1 : 0) },
                   choice: ExpmChoice(approximant: "I+A", degree: 1, scaling: 0))
    }
}

@Suite("Runner on the literature family")
struct LiteratureRunnerTests {
    /// julia-a5 = [[0, 0.02], [0, 0]] is not Float-representable. Float candidates see
    /// [[0, fl(0.02)], [0, 0]], whose exponential I + fl(A) is exact in Float: judged against the
    /// reference of the rounded input the error is 0; against exp of the Double matrix it would
    /// be |0.02 − fl(0.02)|/1.02 ≈ 4e-10.
    @Test("Float candidates are judged against the reference of the Float-rounded input")
    func floatRoundedReference() throws {
        let run = Runner(config: quickConfig(["literature-julia-a5"], [NilpotentSquareZeroFloat()])).run()
        let r = try #require(run.cases[0].results.first)
        let e = try #require(r.errors)
        #expect(e.normwiseRelative == 0)
        #expect(r.verdict == .pass)
    }

    @Test("every literature case runs in both precisions without trapping")
    func allRun() {
        let run = Runner(config: quickConfig(literatureIDs, [Pade13Higham05<Float>(), Pade13Higham05<Double>()])).run()
        #expect(run.cases.count == LiteratureCatalog.all.count)
        for c in run.cases {
            #expect(c.results.count == 2)
            #expect(c.n == CaseSpec(id: c.id)!.n)
        }
    }
}
