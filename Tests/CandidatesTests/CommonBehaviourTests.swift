import Testing
import TestSupport
import Linalg
@testable import Candidates

/// Behaviour every registered candidate shares: registry order, refusal of non-square input,
/// NaN propagation.
@Suite("registered candidates")
struct CommonBehaviourTests {
    /// Ids must be unique (reports and baselines are keyed by them) and every algorithm must exist
    /// in both precisions, Float before Double, so that reports pair them.
    @Test("registry lists every candidate in both precisions, ids unique")
    func registry() {
        let ids = CandidateRegistry.nativeCandidates.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == CandidateRegistry.native.names.flatMap { ["\($0)@float32", "\($0)@float64"] })
        #expect(Array(CandidateRegistry.native.names.prefix(2)) == ["mlx-proposal-t8", "pade13-higham05"])
        #expect(CandidateRegistry.nativeCandidates.allSatisfy { !$0.source.isEmpty })
    }

    @Test("non-square input throws notSquare", arguments: CandidateRegistry.nativeCandidates.map(\.id))
    func nonSquare(_ id: String) {
        let candidate = CandidateRegistry.nativeCandidates.first { $0.id == id }!
        let a = Matrix<Double>(rows: 2, cols: 3)
        #expect(throws: CandidateError.notSquare(rows: 2, cols: 3)) { try candidate.run(a) }
        #expect(throws: CandidateError.notSquare(rows: 0, cols: 1)) { try candidate.run(Matrix(rows: 0, cols: 1)) }
    }

    /// NaN anywhere makes ‖A‖₁ NaN: no threshold comparison holds, the scaled branch runs with s = 0,
    /// and the result is NaN (Padé: all NaN, since LAPACKE refuses NaN in a solve).
    @Test("NaN input propagates NaN without trapping", arguments: CandidateRegistry.nativeCandidates.map(\.id), [1, 2, 5])
    func nanPropagates(_ id: String, n: Int) throws {
        let candidate = CandidateRegistry.nativeCandidates.first { $0.id == id }!
        var a = Matrix<Double>(order: n) { i, j in i == j ? 0.5 : 0.1 }
        a[n - 1, 0] = .nan
        let r = try candidate.run(a)
        #expect(r.value.rows == n && r.value.cols == n)
        #expect(r.value.elements.contains { $0.isNaN })
        #expect(r.choice.scaling == 0)
    }

    @Test("infinite input does not trap", arguments: CandidateRegistry.nativeCandidates.map(\.id))
    func infinityDoesNotTrap(_ id: String) throws {
        let candidate = CandidateRegistry.nativeCandidates.first { $0.id == id }!
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [.infinity, 0, 1, 0])
        let r = try candidate.run(a)
        #expect(!r.value.isFinite)
    }
}

@Suite("Registry and scheme catalog")
struct RegistryTests {
    @Test("every native candidate has its schemes in the catalog, or is declared schemeless with a reason")
    func everyCandidateAudited() {
        for name in CandidateRegistry.native.names {
            let schemes = SchemeCatalog.all.filter { $0.candidate == name }
            let reason = SchemeCatalog.schemeless[name]
            #expect(!schemes.isEmpty || reason != nil,
                    "\(name) is registered but has no scheme in SchemeCatalog.all and is not in SchemeCatalog.schemeless")
            #expect(schemes.isEmpty || reason == nil, "\(name) has schemes and is also declared schemeless")
        }
        for name in SchemeCatalog.schemeless.keys {
            #expect(CandidateRegistry.native.names.contains(name), "schemeless '\(name)' is not a registered candidate")
        }
    }

    @Test("native ids are distinct; register adds at run time and refuses a taken id")
    func registration() throws {
        let native = CandidateRegistry.native
        #expect(Set(native.all.map(\.id)).count == native.all.count)
        var registry = try CandidateRegistry([Pade13Higham05<Double>()])
        #expect(throws: RegistryError.duplicate("pade13-higham05@float64")) { try registry.register(Pade13Higham05<Double>()) }
        try registry.register(Pade13Higham05<Float>())
        #expect(registry.all.map(\.id) == ["pade13-higham05@float64", "pade13-higham05@float32"])
        #expect(registry.matching("pade13-higham05").count == 2)
        #expect(registry.matching("pade13-higham05@float32").map(\.id) == ["pade13-higham05@float32"])
        #expect(registry.matching("taylor-bbc18").isEmpty)
    }
}

@Suite("Precision")
struct PrecisionTests {
    /// u = 2^-p with p the significand bits (hidden bit included): IEEE 754 binary16/32/64, bfloat16.
    @Test("unit roundoff, range and parts of every precision")
    func formats() {
        #expect(Precision.float32.unitRoundoff == Double(Float.ulpOfOne) / 2)
        #expect(Precision.float64.unitRoundoff == Double.ulpOfOne / 2)
        #expect(Precision.float16.unitRoundoff == 0x1p-11 && Precision.bfloat16.unitRoundoff == 0x1p-8)
        #expect(Precision.complex64.unitRoundoff == 0x1p-24 && Precision.complex128.unitRoundoff == 0x1p-53)
        #expect(Float.unitRoundoff == Float.ulpOfOne / 2 && Double.unitRoundoff == Double.ulpOfOne / 2)
        #expect(Precision.float32.greatestFiniteMagnitude == Double(Float.greatestFiniteMagnitude))
        #expect(Precision.bfloat16.greatestFiniteMagnitude == 0x1.FEp127)
        #expect(Precision.float16.greatestFiniteMagnitude == 65504 && Precision.float16.leastNormalMagnitude == 0x1p-14)
        #expect(Precision.complex64.real == .float32 && Precision.complex64.isComplex && !Precision.float64.isComplex)
        // JSON spelling: the raw values results and baselines have always used.
        #expect(Precision.allCases.map(\.rawValue) == ["float16", "bfloat16", "float32", "float64", "complex64", "complex128"])
    }
}
