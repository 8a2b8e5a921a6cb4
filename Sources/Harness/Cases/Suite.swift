/// A named collection of cases: every variant of every selected family at every size.
public enum Suite: String, CaseIterable, Codable, Sendable {
    /// n ∈ {2, 4, 16, 64}: seconds; what CI runs and gates.
    case quick
    /// n ∈ {2, 4, 16, 64, 256, 512} for every variant and n = 1024 for the seed's variants
    /// (`largeVariants`): minutes; the committed report. References above 256 come from the fast
    /// double-double engine with an independent witness (MPFR would take about 46 minutes at 1024).
    case full

    public var sizes: [Int] {
        switch self {
        case .quick: return [2, 4, 16, 64]
        case .full: return [2, 4, 16, 64, 256, 512, Self.largeOrder]
        }
    }

    /// The order of the framework comparison this tool checks; a suite's default sizes generate only
    /// `largeVariants` at it (explicit `--sizes` generate every variant there).
    public static let largeOrder = 1024

    /// The variants the full suite runs at `largeOrder`: the seed's random matrices (σ = 0.1 and 1.0),
    /// the skew-symmetric rotation generator (orthogonal parametrisations) and one dense non-normal
    /// family (V·D·V⁻¹ with κ(V) ≈ 10⁴).
    public static let largeVariants: [CaseSpec.Variant] =
        CaseSpec.randnSigmas.map { .randn(sigma: $0) } + [.rotationSkew, .illcondVDV(k: 4)]

    public var summary: String {
        "n ∈ {\(sizes.filter { $0 != Self.largeOrder }.map(String.init).joined(separator: ", "))}, all families"
            + (sizes.contains(Self.largeOrder)
                ? ", and n = \(Self.largeOrder) for \(Self.largeVariants.map { "\(CaseSpec($0, n: 0, seed: nil).family.rawValue)-\($0.token)" }.joined(separator: ", "))"
                : "")
            + " (literature matrices once, at their own order; \(NormSweep.variants(for: self).count) sweep cases at n = \(NormSweep.order))"
    }

    /// The default seed of generated cases (`--seed` overrides it).
    public static let defaultSeed: UInt64 = 1

    /// The variants a family contributes to a suite, in report order. Only `sweep` depends on the
    /// suite (`NormSweep.variants(for:)`); the others contribute the same variants to both.
    public static func variants(of family: Family, in suite: Suite) -> [CaseSpec.Variant] {
        switch family {
        case .randn: return CaseSpec.randnSigmas.map { .randn(sigma: $0) }
        case .nilpotent: return [.nilpotentUpper, .nilpotentShift]
        case .rotation: return [.rotationSkew, .rotationBlocks]
        case .illcond:
            return [.illcondVDV(k: 4), .illcondVDV(k: 8), .illcondTriu(k: 3), .illcondTriu(k: 8),
                    .illcondExact(k: 3), .illcondExact(k: 5)]
        case .markov: return [.markovDense, .markovStiff(k: 6)]
        case .literature: return LiteratureCatalog.all.map { .literature(name: $0.name) }
        case .sweep: return NormSweep.variants(for: suite)
        }
    }

    /// The suite's cases for the given families, sizes and seed, ordered by family, variant, size.
    /// Literature matrices have a fixed order and no seed: each appears once, whatever `sizes`.
    /// Sweep cases appear once each, at n = `NormSweep.order`, whatever `sizes`.
    /// With `restrictLarge` (the suite's default sizes), n = `largeOrder` is generated for
    /// `largeVariants` only.
    public static func cases(families: [Family], sizes: [Int], seed: UInt64, suite: Suite,
                             restrictLarge: Bool = false) -> [CaseSpec] {
        families.flatMap { family in
            variants(of: family, in: suite).flatMap { variant -> [CaseSpec] in
                if family == .literature { return [CaseSpec(variant, n: 0, seed: nil)] }
                if family == .sweep { return [CaseSpec(variant, n: NormSweep.order, seed: seed)] }
                return sizes.filter { n in !restrictLarge || n != largeOrder || largeVariants.contains(variant) }
                    .map { CaseSpec(variant, n: $0, seed: seed) }
            }
        }
    }
}
