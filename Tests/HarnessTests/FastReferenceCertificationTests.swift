import Candidates
@testable import Cases
@testable import Certification
import Foundation
import Linalg
import Reference
import Testing
@testable import Measurement
@testable import Reporting

/// The fast engine as the reference above `fastMinOrder`, its independent (modular) witness, and the
/// fast path checked against MPFR below it. The switch-over order is lowered here so that the tests
/// run at small n; the code paths are those of n > 256.
@Suite("Fast reference: engine choice, modular witness, check against MPFR")
struct FastReferenceCertificationTests {
    /// Both engines carry ≈ 2^-104 per product (see `DoubleDoubleExp`, `ModularProduct`); with s ≤ 6
    /// squarings on these well-conditioned matrices their errors stay below ≈ 2^(s+3)·2^-104 ≈ 2^-95,
    /// 28.6 digits, so the independent pair and the agreement with MPFR must reach 28 digits.
    @Test("above fastMinOrder the fast engine is the reference and the modular witness certifies it",
          arguments: ["randn-s1.0-n32-seed1", "randn-s0.1-n32-seed2", "rotation-skew-n32-seed1", "markov-dense-n32-seed1"])
    func fastEngineCertified(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        let a = spec.matrix()
        var certifier = ReferenceCertifier()
        certifier.fastMinOrder = 24
        certifier.arbMaxOrder = 0
        #expect(certifier.engine(for: a) == .fast)
        let c = certifier.certify(a, spec: spec)
        #expect(c.reference.certificate.method == FastReference.method)
        #expect(c.evidence.witnesses.first == Evidence.fastPrimary)
        let modular = try #require(c.evidence.pairs.first { $0.second == Witnesses.modularWitnessName })
        #expect(modular.independent && modular.normwiseDigits >= 28, "\(id): \(modular)")
        #expect(c.record.certified && c.evidence.hasIndependentWitness)
        let mpfr = TaylorReference.compute(a)
        let d = Agreement.digits(hi1: mpfr.hi, lo1: mpfr.lo, hi2: c.reference.hi, lo2: c.reference.lo, cap: 31)
        #expect(d.normwise >= 28, "\(id): fast reference vs MPFR \(d)")
    }

    /// "On every case up to n = 256 the fast engine and MPFR must agree to the certified digits": every
    /// quick-suite variant at n = 16 and every literature matrix carries the fast path's check where it
    /// applies. What must never happen is a false certificate: wherever the fast engine and the modular
    /// witness agree to the target (the certificate used above 256), both must agree with MPFR to the
    /// target too. Where they do not (many squarings: ‖A‖₁ of 10⁴ and more, or strong non-normality)
    /// the certifier turns to Arb above 256, and below it the shortfall is listed, not a disagreement.
    @Test("wherever the fast certificate would reach the target, the fast path agrees with MPFR to it",
          arguments: Suite.cases(families: Family.allCases.filter { $0 != .sweep }, sizes: [16], seed: 1, suite: .quick).map(\.id))
    func fastPathChecked(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        let a = spec.matrix()
        var certifier = ReferenceCertifier()
        certifier.arbMaxOrder = 0
        let c = certifier.certify(a, spec: spec)
        let check = c.evidence.pairs.first { $0.second == Evidence.fastCheck }
        guard FastReference.isApplicable(a), c.reference.hi.isFinite else {
            #expect(check == nil)
            return
        }
        let pair = try #require(check)
        #expect(!pair.independent)
        let fast = DoubleDoubleExp.evaluate(a).value, modular = ModularTaylorExp.compute(a)
        let fastCertificate = Agreement.digits(hi1: fast.hi, lo1: fast.lo, hi2: modular.hi, lo2: modular.lo, cap: 31)
        if fastCertificate.normwise >= certifier.targetDigits {
            #expect(pair.normwiseDigits >= certifier.targetDigits, "\(id): fast vs MPFR \(pair.normwiseDigits), vs modular \(fastCertificate)")
            let witness = try #require(c.evidence.pairs.first { $0.second == Witnesses.modularWitnessName })
            #expect(witness.normwiseDigits >= certifier.targetDigits, "\(id): modular vs MPFR \(witness)")
        }
        #expect(c.evidence.disagreement == nil, "\(id): \(c.evidence.disagreement ?? "")")
    }

    /// illcond-triu-k8 (‖A‖₁ ≈ 10⁸, s = 27 squarings): double-double keeps only ≈ 2^(27−104), under 25
    /// digits, so Arb's enclosure must take over, prove 31 digits, and agree with the closed form and
    /// MPFR to what hi + lo stores; the fast path and the modular witness stay listed as checks.
    @Test("where the fast engine falls short, Arb's enclosure is the reference, proven and cross-checked")
    func arbRescue() throws {
        let spec = try #require(CaseSpec(id: "illcond-triu-k8-n32-seed1"))
        let a = spec.matrix()
        var certifier = ReferenceCertifier()
        certifier.fastMinOrder = 24
        let c = certifier.certify(a, spec: spec)
        #expect(c.reference.certificate.method == ArbReference.method)
        #expect(c.record.certified && c.evidence.certifiedDigits >= 30)
        let closed = try #require(c.evidence.pairs.first { $0.second.hasPrefix("closed form") })
        #expect(closed.normwiseDigits >= 30, "\(closed)")
        let fast = try #require(c.evidence.pairs.first { $0.second == Evidence.fastCheck })
        #expect(fast.normwiseDigits < 25 && c.record.note?.contains("fast path") == true)
        let mpfr = TaylorReference.compute(a)
        let d = Agreement.digits(hi1: mpfr.hi, lo1: mpfr.lo, hi2: c.reference.hi, lo2: c.reference.lo, cap: 31)
        #expect(d.normwise >= 30, "Arb reference vs MPFR \(d)")
    }

    @Test("large norms stay with MPFR at any order; the cache keys the engines apart")
    func engineChoiceAndCache() throws {
        var certifier = ReferenceCertifier()
        certifier.fastMinOrder = 2
        let big = Matrix<Double>(order: 3) { i, j in i == j ? 0x1p30 : 100 }
        #expect(certifier.engine(for: big) == .mpfr)
        let small = Matrix<Double>(order: 3) { i, j in Double(i - j) / 4 }
        #expect(certifier.engine(for: small) == .fast)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fastref-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        certifier.cache = ReferenceCache(directory: dir)
        #expect(certifier.cost(of: small) != nil)
        let first = certifier.certify(small, spec: nil)
        #expect(!first.cached && certifier.cost(of: small) == nil)
        let again = certifier.certify(small, spec: nil)
        #expect(again.cached && again.reference.hi == first.reference.hi && again.evidence == first.evidence)
        // The same matrix certified by MPFR is another entry.
        let cache = try #require(certifier.cache)
        #expect(cache.load(small, bits: 256, checkBits: 192) == nil)
        #expect(cache.load(small, bits: FastReference.bits, checkBits: FastReference.bits, method: FastReference.method) != nil)
    }
}

@Suite("Suite: the seed's order")
struct LargeOrderSuiteTests {
    @Test("the full suite runs every variant at 512 and the seed's variants at 1024; explicit sizes run all")
    func fullSuiteSizes() {
        let full = Suite.cases(families: Family.allCases, sizes: Suite.full.sizes, seed: 1, suite: .full, restrictLarge: true)
        let at1024 = full.filter { $0.n == 1024 }.map(\.id)
        #expect(at1024 == ["randn-s0.1-n1024-seed1", "randn-s1.0-n1024-seed1", "rotation-skew-n1024-seed1",
                           "illcond-vdv-k4-n1024-seed1"])
        let variants512 = full.filter { $0.n == 512 }.count
        #expect(variants512 == Family.allCases.filter { $0 != .literature && $0 != .sweep }
            .map { Suite.variants(of: $0, in: .full).count }.reduce(0, +))
        let explicit = Suite.cases(families: [.nilpotent], sizes: [1024], seed: 1, suite: .full)
        #expect(explicit.count == 2)
    }
}

@Suite("Report: which engine and witness certified the large cases")
struct LargeCaseReportTests {
    /// With the switch-over lowered to 24, a run of a 32×32 and a 16×16 case gives one fast-engine
    /// reference and one MPFR reference: the report's "Large cases" table lists the first with its
    /// engine and witness, and the fast-path line counts the second's check against MPFR.
    @Test("the report names the engine and the witness of each large case, and the fast path's check")
    func largeCasesTable() {
        var config = quickConfig(["randn-s1.0-n32-seed1", "rotation-skew-n16-seed1"], [Pade13Higham05<Double>()])
        config.certifier.fastMinOrder = 24
        let run = Runner(config: config).run()
        let md = MarkdownReport(results: run).render()
        let large = md.components(separatedBy: "### Large cases (n > 256)")
        #expect(large.count == 2)
        let table = large.last?.components(separatedBy: "\n## ")[0] ?? ""
        #expect(table.contains("| `randn-s1.0-n32-seed1` | 32 | taylor-dd-ozaki |"))
        #expect(table.contains(Witnesses.modularWitnessName) && !table.contains("rotation-skew-n16"))
        #expect(md.contains("was checked against the MPFR reference on 1 case(s) up to n = 256"))
    }
}
