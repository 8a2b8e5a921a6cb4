import Candidates
@testable import Cases
@testable import Certification
import Linalg
@testable import Measurement
import Testing


/// Float's unit roundoff 2^-24 (the rounding of every generated entry).
private let u = 0x1p-24

/// ‖A‖₁ of every sweep case lies within this relative distance of its target (derivation in
/// `CaseSpec.sweepMatrix`): u for entrywise rounding, 2(n − 1)·u for markov's per-row grid. The extra
/// 2^-40 covers the Double roundings of c, of the products and of this test's own column sums, at most
/// (2n + 3)·2^-53 < 2^-48, and the second-order term 2(n − 1)²·u² < 2^-41 (n = 8).
private func placementTolerance(_ base: SweepBase, n: Int) -> Double {
    (base == .markov ? Double(2 * (n - 1)) * u : u) + 0x1p-40
}

/// Every sweep case of the full suite (which contains every quick one) for one base.
private func fullSuiteCases(_ base: SweepBase) -> [CaseSpec] {
    Suite.cases(families: [.sweep], sizes: [], seed: Suite.defaultSeed, suite: .full).filter {
        if case .sweep(base, _) = $0.variant { return true } else { return false }
    }
}

private func sweep(_ base: SweepBase, _ norm: Double, seed: UInt64 = Suite.defaultSeed) -> CaseSpec {
    CaseSpec(.sweep(base: base, norm: norm), n: NormSweep.order, seed: seed)
}

/// The degree in a threshold's name: 8 for "θ8", 15 for "θ15+".
private func degree(_ t: NormSweep.Threshold) -> Int { Int(t.name.dropFirst().prefix { $0.isNumber })! }

@Suite("The sweep family: ‖A‖₁ placed around every θ")
struct NormSweepTests {
    // MARK: ids

    @Test("every suite sweep id parses back to itself", arguments: SweepBase.allCases)
    func idRoundTrip(base: SweepBase) throws {
        let specs = fullSuiteCases(base)
        #expect(!specs.isEmpty)
        for spec in specs {
            let parsed = try #require(CaseSpec(id: spec.id), "\(spec.id) does not parse")
            #expect(parsed.id == spec.id && parsed == spec)
        }
    }

    @Test("values with '-' and every base parse", arguments: [
        "sweep-randn-norm1e-08-n8-seed1", "sweep-skew-norm2.222666495299563e-16-n8-seed7",
        "sweep-upper-norm10000.0-n8-seed1", "sweep-triu-k3-norm0.5-n2-seed1", "sweep-markov-norm3.010066362817634-n64-seed2",
    ])
    func parses(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        #expect(spec.id == id && spec.family == .sweep)
    }

    @Test("non-canonical or invalid sweep ids are rejected", arguments: [
        "sweep-randn-norm1e-8-n8-seed1",       // canonical: 1e-08
        "sweep-randn-norm2.50-n8-seed1",       // 2.5
        "sweep-randn-norm+2.5-n8-seed1",
        "sweep-randn-norm0x1p1-n8-seed1",      // 2.0
        "sweep-randn-norm1-n8-seed1",          // 1.0
        "sweep-randn-norm0.0-n8-seed1", "sweep-randn-norm-1.0-n8-seed1", "sweep-randn-norm-0.0-n8-seed1",
        "sweep-randn-norminf-n8-seed1", "sweep-randn-normnan-n8-seed1",
        "sweep-randn-norm1e+40-n8-seed1",      // canonical, but above 2^100
        "sweep-randn-norm5e-324-n8-seed1",     // canonical, but below 2^-100
        "sweep-randn-norm-n8-seed1", "sweep-randn-n8-seed1", "sweep-randn-norm1.0-n8", "sweep-randn-norm1.0-n1-seed1",
        "sweep-randn-norm1.0-n08-seed1", "sweep-foo-norm1.0-n8-seed1", "sweep-triu-k8-norm1.0-n8-seed1",
        "sweep-triu-norm1.0-n8-seed1", "sweep-randn-norm1.0-n8-seed1-x", "sweep--norm1.0-n8-seed1",
    ])
    func rejects(id: String) {
        #expect(CaseSpec(id: id) == nil)
    }

    // MARK: targets and suites

    @Test("targets: ascending, distinct, each labelled; every θ with its five offsets")
    func targets() {
        let t = NormSweep.targets
        #expect(zip(t, t.dropFirst()).allSatisfy { $0.norm < $1.norm })
        #expect(t.allSatisfy { !$0.labels.isEmpty && !$0.roles.isEmpty && NormSweep.acceptedNorms.contains($0.norm) })
        let labels = Set(t.flatMap(\.labels))
        for th in NormSweep.thresholds.joined() {
            for o in NormSweep.Offset.allCases {
                #expect(labels.contains(th.label + o.suffix), "missing \(th.label + o.suffix)")
                #expect(NormSweep.target(norm: th.value * o.factor)?.labels.contains(th.label + o.suffix) == true)
            }
        }
        for (k, d) in zip(-8...4, NormSweep.decades) { #expect(NormSweep.target(norm: d)?.labels.contains("10^\(k)") == true) }
        // Every candidate that has a θ in some precision is swept, in both precisions.
        let swept = Set(NormSweep.thresholds.map { "\($0[0].candidate)@\($0[0].precision)" })
        for name in ["mlx-proposal-t8", "pade13-higham05", "pade13-almohy09", "taylor-bbc18", "taylor-bbc18-fixed", "taylor-sastre"] {
            #expect(swept.contains("\(name)@float32") && swept.contains("\(name)@float64"), "\(name)")
        }
        #expect(!swept.contains { $0.hasPrefix("taylor-naive") || $0.hasPrefix("eig") })  // θ = ∞, or no scheme
    }

    @Test("quick: randn at the θ(1 ± 1e-3) and decade targets; full: randn at all, the others at those; n = 8 always")
    func suites() {
        let quick = Suite.cases(families: [.sweep], sizes: [2, 300], seed: 4, suite: .quick)
        let full = Suite.cases(families: [.sweep], sizes: [], seed: 4, suite: .full)
        let quickTargets = NormSweep.quickTargets.count
        #expect(quick.count == quickTargets)
        #expect(full.count == NormSweep.targets.count + (SweepBase.allCases.count - 1) * quickTargets)
        // All five bases at every target would exceed the ~800 sweep cases budgeted for the full suite:
        // the reason `NormSweep.variants(for:)` runs skew, upper, triu-k3 and markov on the quick targets only.
        #expect(SweepBase.allCases.count * NormSweep.targets.count > 800)
        for spec in quick + full {
            #expect(spec.n == NormSweep.order && spec.seed == 4 && !NormSweep.labels(for: spec).isEmpty)
        }
        #expect(Set(full.map(\.id)).count == full.count)
        #expect(Set(quick.map(\.id)).isSubset(of: Set(full.map(\.id))))
        // n = 8 is as large as κ_exp is computed exactly.
        #expect(NormSweep.order <= Witnesses.kappaExactMaxOrder)
    }

    @Test("labels say what a sweep case is")
    func labels() throws {
        #expect(NormSweep.labels(for: try #require(CaseSpec(id: "sweep-randn-norm1e-08-n8-seed1"))) == ["10^-8"])
        let theta18 = TaylorBBC18Thresholds.float64.theta18
        let above = sweep(.markov, theta18 * (1 + 1e-3))
        #expect(NormSweep.labels(for: above).contains("θ18 of taylor-bbc18@float64 × (1 + 1e-3)"))
        #expect(NormSweep.labels(for: above).contains("θ18 of taylor-bbc18-fixed@float64 × (1 + 1e-3)"))
        #expect(NormSweep.labels(for: sweep(.randn, 2.5)).isEmpty)  // a valid id, not a target
        #expect(NormSweep.labels(for: try #require(CaseSpec(id: "randn-s1.0-n8-seed1"))).isEmpty)
    }

    // MARK: the matrices

    @Test("‖A‖₁ equals the target within the derived placement bound", arguments: SweepBase.allCases)
    func placement(base: SweepBase) {
        for spec in fullSuiteCases(base) {
            guard case .sweep(_, let target) = spec.variant else { continue }
            let a = spec.matrix()
            let deviation = abs(a.norm1 / target - 1)
            #expect(deviation <= placementTolerance(base, n: spec.n),
                    "\(spec.id): ‖A‖₁ = \(a.norm1), relative deviation \(deviation / u) u")
        }
    }

    /// The candidates compare their own ‖A‖₁ (computed in their precision) with θ rounded to it; the
    /// targets θ·fl(1 ± δ) must fall strictly on either side in both ways of computing the norm.
    @Test("θ·(1 − δ) is strictly below every θ and θ·(1 + δ) strictly above, as each candidate sees it",
          arguments: SweepBase.allCases)
    func straddle(base: SweepBase) {
        for th in NormSweep.thresholds.joined() {
            for (below, above) in [(NormSweep.Offset.belowThousandth, NormSweep.Offset.aboveThousandth), (.belowTenth, .aboveTenth)] {
                #expect(th.value * below.factor < th.value && th.value * above.factor > th.value)
                let lo = sweep(base, th.value * below.factor).matrix(), hi = sweep(base, th.value * above.factor).matrix()
                #expect(lo.norm1 < th.value && hi.norm1 > th.value, "\(th.label), \(base.rawValue)")
                if th.precision == Precision.float32 {
                    let theta = Float(th.value)
                    #expect(lo.converted(to: Float.self).norm1 < theta && hi.converted(to: Float.self).norm1 > theta,
                            "\(th.label), \(base.rawValue), Float norm")
                }
            }
        }
    }

    @Test("each base's structure is kept exactly at every target", arguments: SweepBase.allCases)
    func structure(base: SweepBase) {
        let n = NormSweep.order
        for t in NormSweep.targets {
            let spec = sweep(base, t.norm)
            let a = spec.matrix()
            #expect(a.isFinite && a.elements.allSatisfy { Double(Float($0)) == $0 }, "\(spec.id): not Float")
            switch base {
            case .randn:
                #expect(a.elements.allSatisfy { $0 != 0 }, "\(spec.id): an entry underflowed")
            case .skew:
                #expect(a == -a.transposed, "\(spec.id) is not exactly skew-symmetric")
            case .upper:
                #expect((0..<n).allSatisfy { j in (j..<n).allSatisfy { i in a[i, j] == 0 } }, "\(spec.id) not strictly upper")
            case .triuK3:
                // Nonzeros only on the diagonal and on the superdiagonal of each 2×2 block (i even).
                let pattern = (0..<n).allSatisfy { j in (0..<n).allSatisfy { i in a[i, j] == 0 || i == j || (j == i + 1 && i % 2 == 0) } }
                #expect(pattern, "\(spec.id): not 2×2 upper-triangular blocks")
            case .markov:
                #expect(StructureMetrics.isRateMatrix(a), "\(spec.id) is not a rate matrix")
                // Rows also sum to exactly 0 in Float, in any order: every partial sum left to right and
                // right to left is exact.
                let f = a.converted(to: Float.self)
                for i in 0..<n {
                    let row = (0..<n).map { f[i, $0] }
                    #expect(row.reduce(0, +) == 0 && row.reversed().reduce(0, +) == 0, "\(spec.id) row \(i) in Float")
                }
            }
        }
    }

    /// A sweep case is its base case scaled: at c = 1 (target = the base's own ‖B‖₁) it is the base
    /// matrix bit for bit (markov included: its 11-bit rates lie on the 24-bit grid of their row).
    @Test("at its base's own norm, a sweep case is its base case", arguments: SweepBase.allCases)
    func rayThroughBase(base: SweepBase) {
        for seed: UInt64 in [1, 2] {
            let b = CaseSpec(base.variant, n: NormSweep.order, seed: seed).matrix()
            #expect(sweep(base, b.norm1, seed: seed).matrix() == b)
        }
    }

    @Test("the same id gives identical bits; bits are pinned", arguments: SweepBase.allCases)
    func reproducible(base: SweepBase) {
        for t in NormSweep.quickTargets {
            let id = sweep(base, t.norm).id
            #expect(fingerprint(CaseSpec(id: id)!.matrix()) == fingerprint(CaseSpec(id: id)!.matrix()))
        }
    }

    /// If these change, sweep ids in stored reports and baselines silently mean other matrices.
    @Test("sweep bits are pinned across versions and machines")
    func pinnedBits() {
        #expect(fingerprint(CaseSpec(id: "sweep-randn-norm1e-08-n8-seed1")!.matrix()) == PinnedSweep.randn)
        #expect(fingerprint(CaseSpec(id: "sweep-markov-norm10.0-n8-seed1")!.matrix()) == PinnedSweep.markov)
        #expect(fingerprint(CaseSpec(id: "sweep-skew-norm0.5-n8-seed1")!.matrix()) == PinnedSweep.skew)
    }

    // MARK: the candidates' own choices

    /// Candidates whose choice is a function of ‖A‖₁ alone: each θ is the largest ‖A‖₁ at which its
    /// degree m is used (the largest θ of a candidate and precision: the scaling boundary). So at
    /// θ·(1 − 1e-3) it must choose degree m with s = 0, and at θ·(1 + 1e-3) the next degree with s = 0,
    /// or, above its largest θ, degree m with s = 1 — on every base, since only ‖A‖₁ matters.
    /// taylor-sastre is in this set only for Θ1 (its test ‖A‖₁ ≤ Θ1 for T1); see `notNormDriven`.
    static let normDriven = ["mlx-proposal-t8", "pade13-higham05", "taylor-bbc18", "taylor-bbc18-fixed"]

    @Test("norm-driven candidates switch exactly at each of their θ, on every base", arguments: SweepBase.allCases)
    func choicesSwitch(base: SweepBase) throws {
        var checked = 0
        for group in NormSweep.thresholds {
            let name = group[0].candidate
            let sastreTheta1 = name == "taylor-sastre"
            guard Self.normDriven.contains(name) || sastreTheta1 else { continue }
            let candidate = try #require(CandidateRegistry.nativeCandidates.first { $0.name == name && $0.precision == group[0].precision })
            for (k, th) in group.enumerated() where !sastreTheta1 || th.name == "θ1" {
                let below = try candidate.run(sweep(base, th.value * NormSweep.Offset.belowThousandth.factor).matrix()).choice
                let above = try candidate.run(sweep(base, th.value * NormSweep.Offset.aboveThousandth.factor).matrix()).choice
                let m = degree(th)
                let expectedAbove = k == group.count - 1 ? (m, 1) : (degree(group[k + 1]), 0)
                #expect(below.degree == m && below.scaling == 0, "\(th.label) × (1 − 1e-3), \(base.rawValue): \(below)")
                #expect(above.degree == expectedAbove.0 && above.scaling == expectedAbove.1,
                        "\(th.label) × (1 + 1e-3), \(base.rawValue): \(above)")
                checked += 1
            }
        }
        // 4 + 3 + 6 + 1 θ per precision for mlx, higham05, bbc18, bbc18-fixed (higham05: 5 in float64), + Θ1.
        #expect(checked == 2 * (4 + 6 + 1 + 1) + 3 + 5)
    }

    /// Found with this sweep, and expected from the algorithms: pade13-almohy09 chooses from
    /// η = max(d_{2p}, d_{2p+2}), d_k = ‖A^k‖₁^{1/k} (≤ ‖A‖₁), and taylor-sastre (beyond Θ1) from bounds
    /// on ‖A^k‖₁, k ≤ 4; Sastre's Θ2 … Θ24 do not enter its algorithm at all, and Θ30 sets s only through
    /// α = max(a31^{1/31}, a32^{1/32}). On all five bases these quantities lie below ‖A‖₁ by far more than
    /// 1e-3 (randn, skew, markov: d_k/‖A‖₁ ≈ 0.5; upper and triu-k3, non-normal, much less), so crossing θ
    /// by ±1e-3 in ‖A‖₁ changes neither choice: the same degree and s on both sides of every θ. A change
    /// here means the candidate started choosing by ‖A‖₁, which neither algorithm does.
    @Test("pade13-almohy09 and taylor-sastre (beyond Θ1) do not switch at their θ: they choose by ‖A^k‖₁",
          arguments: SweepBase.allCases)
    func notNormDriven(base: SweepBase) throws {
        var checked = 0
        for group in NormSweep.thresholds where ["pade13-almohy09", "taylor-sastre"].contains(group[0].candidate) {
            let candidate = try #require(CandidateRegistry.nativeCandidates.first { $0.name == group[0].candidate && $0.precision == group[0].precision })
            for th in group where th.label != "θ1 of taylor-sastre@\(th.precision)" {
                let below = try candidate.run(sweep(base, th.value * NormSweep.Offset.belowThousandth.factor).matrix()).choice
                let above = try candidate.run(sweep(base, th.value * NormSweep.Offset.aboveThousandth.factor).matrix()).choice
                #expect(below == above, "\(th.label), \(base.rawValue): \(below) below, \(above) above")
                // η ≤ ‖A‖₁ < θ_m below θ_m: never a degree above m, never scaled below the scaling boundary.
                if group[0].candidate == "pade13-almohy09" {
                    #expect(below.degree! <= degree(th) && below.scaling == 0, "\(th.label), \(base.rawValue): \(below)")
                }
                checked += 1
            }
        }
        // almohy09: 3 + 5 θ; sastre: 7 per precision after Θ1.
        #expect(checked == 3 + 5 + 2 * 7)
    }
}

enum PinnedSweep {
    static let randn: UInt64 = 12_490_000_012_105_575_617
    static let markov: UInt64 = 15_848_915_049_359_323_409
    static let skew: UInt64 = 9_109_113_933_153_362_609
}
