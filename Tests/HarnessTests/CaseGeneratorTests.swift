@testable import Cases
import Foundation
import Linalg
import Testing


/// FNV-1a over the bit patterns of a matrix's entries: a fingerprint of its exact bits.
func fingerprint(_ m: Matrix<Double>) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for x in m.elements {
        var b = x.bitPattern
        for _ in 0..<8 {
            h ^= b & 0xFF
            h = h &* 0x0000_0100_0000_01B3
            b >>= 8
        }
    }
    return h
}

/// Every variant of every family at n = 16; the sweep (hundreds of variants, tested in
/// `NormSweepTests`) by one variant per base.
let everyVariantID = Family.allCases.filter { $0 != .sweep }.flatMap { f in
    Suite.variants(of: f, in: .full).map { CaseSpec($0, n: 16, seed: 3).id }
} + SweepBase.allCases.map { CaseSpec(.sweep(base: $0, norm: 1), n: 16, seed: 3).id }

@Suite("Case ids and the generator")
struct CaseGeneratorTests {
    @Test("an id parses back to itself", arguments: everyVariantID + ["randn-s0.1-n0-seed0", "illcond-vdv-k0-n1-seed9"])
    func idRoundTrip(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        #expect(spec.id == id)
    }

    @Test("malformed or non-canonical ids are rejected", arguments: [
        "", "randn", "randn-s1.0", "randn-s1.0-n16", "randn-s1.0-n16-seed", "randn-s-1-n4-seed1",
        "randn-s1.0-n16-seed1-x", "nilpotent-shift-n16-seed1", "nilpotent-upper-n16", "rotation-foo-n4-seed1",
        "illcond-vdv-n4-seed1", "illcond-vdv-k99-n4-seed1", "randn-s1.0-n99999-seed1", "randn-s1.0-n016-seed1",
        "unknown-x-n4-seed1", "randn-s1.0-n-4-seed1",
    ])
    func rejectsBadIDs(id: String) {
        #expect(CaseSpec(id: id) == nil)
    }

    @Test("the same id gives identical bits", arguments: everyVariantID)
    func deterministic(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        #expect(fingerprint(spec.matrix()) == fingerprint(CaseSpec(id: id)!.matrix()))
    }

    /// Pinned fingerprints: if these change, every stored baseline and report id silently means a
    /// different matrix. A change here must be deliberate (and rename the variants).
    @Test("generated bits are pinned across versions and machines")
    func pinnedBits() {
        #expect(fingerprint(CaseSpec(id: "randn-s1.0-n4-seed1")!.matrix()) == Pinned.randn)
        #expect(fingerprint(CaseSpec(id: "illcond-vdv-k8-n16-seed1")!.matrix()) == Pinned.vdv)
        #expect(fingerprint(CaseSpec(id: "rotation-skew-n16-seed2")!.matrix()) == Pinned.skew)
    }

    @Test("different seeds and variants give different matrices")
    func distinct() {
        let a = CaseSpec(id: "randn-s1.0-n8-seed1")!.matrix()
        let b = CaseSpec(id: "randn-s1.0-n8-seed2")!.matrix()
        let c = CaseSpec(id: "randn-s0.1-n8-seed1")!.matrix()
        #expect(a != b && a != c)
    }

    @Test("entries are Float-representable so both precisions see the same matrix", arguments: everyVariantID)
    func floatRepresentable(id: String) {
        let spec = CaseSpec(id: id)!
        let a = spec.matrix()
        // Generated families always are; literature matrices say so when they are not.
        #expect(spec.family == .literature || spec.isFloatRepresentable)
        #expect(a.elements.allSatisfy { Double(Float($0)) == $0 && $0.isFinite } == spec.isFloatRepresentable)
        #expect(a.isFinite)
    }

    @Test("structure: nilpotent is strictly upper, the shift has ones, rotations are skew")
    func structure() {
        let upper = CaseSpec(id: "nilpotent-upper-n16-seed1")!.matrix()
        #expect((0..<16).allSatisfy { j in (j..<16).allSatisfy { i in upper[i, j] == 0 } })
        let shift = CaseSpec(id: "nilpotent-shift-n5")!.matrix()
        #expect(shift == Matrix(order: 5) { i, j in j == i + 1 ? 1 : 0 })
        for id in ["rotation-skew-n16-seed1", "rotation-blocks-n16-seed1", "rotation-blocks-n5-seed1"] {
            let a = CaseSpec(id: id)!.matrix()
            #expect(a == -a.transposed, "\(id) is not exactly skew-symmetric")
        }
        let tri = CaseSpec(id: "illcond-triu-k8-n6-seed1")!.matrix()
        #expect((0..<6).allSatisfy { j in ((j + 1)..<6).allSatisfy { i in tri[i, j] == 0 } })
        #expect(tri.norm1 > 5e7)
    }

    /// Similarity keeps the trace: tr(V·D·V⁻¹) = Σ dᵢ with |dᵢ| ≤ 1, so |tr A| ≤ n. The entries carry
    /// rounding of relative size 2⁻²⁴ (Float) on magnitudes up to ‖A‖, so the computed trace may
    /// differ from Σ dᵢ by about n·2⁻²⁴·max|aᵢᵢ|; a wrong conjugation would make it ~cond(V).
    @Test("the V·D·V⁻¹ family keeps the trace of D and has the intended norm growth", arguments: [4, 8])
    func similarityTrace(k: Int) {
        let n = 16
        let a = CaseSpec(.illcondVDV(k: k), n: n, seed: 1).matrix()
        let trace = (0..<n).reduce(0.0) { $0 + a[$1, $1] }
        let maxDiag = (0..<n).map { abs(a[$0, $0]) }.max()!
        #expect(abs(trace) <= Double(n) + 4 * Double(n) * 0x1p-24 * maxDiag)
        #expect(a.norm1 > pow(10, Double(k)) / 100)
    }

    /// The exact similarity: V = I + u·vᵀ with vᵀu = 0 has inverse I − u·vᵀ exactly, so V⁻¹·A·V = D
    /// must hold exactly (all integers far below 2^53, so the products are exact even through BLAS);
    /// and cond₁(V) = ‖V‖₁·‖V⁻¹‖₁ grows like 10^k (asserted loosely, ≥ 10^(k−1)).
    @Test("illcond-exact: A = V·D·V⁻¹ exactly, Float-representable, cond(V) growing with k", arguments: [3, 5])
    func exactSimilarity(k: Int) {
        let n = 16
        var rng = PortableRandom(key: CaseSpec(.illcondExact(k: k), n: n, seed: 1).id)
        let f = CaseSpec.exactFactors(n, k: k, &rng)
        #expect((0..<n).reduce(0.0) { $0 + f.u[$1] * f.v[$1] } == 0)
        let a = CaseSpec(.illcondExact(k: k), n: n, seed: 1).matrix()
        let v = Matrix<Double>(order: n) { i, j in (i == j ? 1 : 0) + f.u[i] * f.v[j] }
        let vInv = Matrix<Double>(order: n) { i, j in (i == j ? 1 : 0) - f.u[i] * f.v[j] }
        #expect(vInv * (a * v) == Matrix(order: n) { i, j in i == j ? f.d[i] : 0 })  // dyadic values: exact
        #expect(a.elements.allSatisfy { Double(Float($0)) == $0 && 64 * $0 == (64 * $0).rounded() })
        #expect(Set(f.d).count == n)  // distinct eigenvalues
        // matrix() rounds to Float; at the largest size and k the exact product must survive unchanged.
        let bigSpec = CaseSpec(.illcondExact(k: 5), n: 256, seed: 1)
        var bigRng = PortableRandom(key: bigSpec.id)
        #expect(bigSpec.matrix() == CaseSpec.exactSimilarity(CaseSpec.exactFactors(256, k: 5, &bigRng)))
        #expect(v.norm1 * vInv.norm1 >= pow(10, Double(k)) / 10)
    }

    @Test("suites list every variant at every size")
    func suites() {
        let quick = Suite.cases(families: Family.allCases, sizes: Suite.quick.sizes, seed: 1, suite: .quick)
        let sized = Family.allCases.filter { $0 != .literature && $0 != .sweep }
        let variants = sized.map { Suite.variants(of: $0, in: .quick).count }.reduce(0, +)
        // Literature matrices run once each, at their own order; sweep cases once each, at n = 8.
        #expect(quick.count == variants * 4 + LiteratureCatalog.all.count + NormSweep.variants(for: .quick).count)
        #expect(Set(quick.map(\.id)).count == quick.count)
        #expect(Suite.full.sizes == [2, 4, 16, 64, 256, 512, 1024])
    }
}

enum Pinned {
    static let randn: UInt64 = 357_517_559_469_447_449
    static let vdv: UInt64 = 13_985_718_348_481_669_130
    static let skew: UInt64 = 8_533_987_351_691_709_169
}
