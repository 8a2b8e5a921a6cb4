import Linalg

/// Where the `sweep` family puts ‖A‖₁: around every candidate's degree-switching thresholds θ_m.
///
/// Design, in priority order:
/// 1. Errors and bugs of expm concentrate where the algorithm changes its choice: at each θ_m (the
///    largest ‖A‖₁ at which degree m is used) and at the scaling boundary (the scaled scheme's θ).
///    A wrong θ, a wrong comparison (< for ≤) or a wrong coefficient used in only one band shows
///    there and nowhere else; random matrices hit such a band only by chance.
/// 2. The θ are fixed in a table of their own (`SweepThresholds`), not read from the candidates, so that
///    a candidate's bug in a θ cannot move the case list (and the baseline's ids) away from the place
///    where the published θ says it should switch. A test compares the table with every candidate's θ
///    and fails, naming the difference, when a candidate is added or a θ changes: the table then changes
///    on purpose, with the baseline.
/// 3. Each target is labelled with what it is, so a report can say why a case exists.
///
/// Targets (exact Doubles, deduplicated, ascending):
/// - for every distinct θ (over all candidates and both precisions): θ·fl(1 − δ), θ, θ·fl(1 + δ) for
///   δ = 1e-1 and 1e-3. δ = 1e-3 is far above the placement error of `CaseSpec.sweepMatrix` (≤ 14·2^-24
///   ≈ 8e-7) and the Float rounding of a candidate's own ‖A‖₁ ((n − 1)·2^-24 ≈ 4e-7), so the two
///   cases fall on either side of θ as every candidate computes it; δ = 1e-1 is a tenth of the way
///   into each neighbouring band;
/// - the geometric midpoint √(θᵢ·θᵢ₊₁) of every degree band of every candidate and precision (the
///   band's centre on the log scale on which the θ are spread), and θ₁/2 inside the lowest band;
/// - the decades 10^k, k = −8 … 4: a grid independent of any candidate, from below every θ that
///   matters in Float to ‖A‖₁ ≫ every scaling boundary (s up to about 14).
///
/// Candidates with no finite positive θ (`taylor-naive`: ∞; `eig`: no scheme) contribute nothing.
public enum NormSweep {
    /// Order of every sweep case in the suites: small enough that κ_exp is computed exactly (Kronecker
    /// form in MPFR, n ≤ `ExpCondition.exactMaxOrder`) in about 0.1 s, and no θ depends on n. Ids may name
    /// other orders.
    public static let order = 8

    /// Smallest order an id may name: at n = 1 the skew, upper and markov bases are the zero matrix,
    /// which no scaling moves to a positive norm.
    public static let minimumOrder = 2

    /// The norms a sweep id may name: 2^-100 … 2^100. The upper end keeps every entry (≤ ‖A‖₁) finite in
    /// Float (max ≈ 2^128); the lower end keeps the rounding error of any entry that falls into Float's
    /// subnormal range (< 2^-126), at most 2^-150, below 2^-50 relative to ‖A‖₁, so the placement bound
    /// of `CaseSpec.sweepMatrix` holds. The generated targets span about 2e-16 … 1e4.
    public static let acceptedNorms: ClosedRange<Double> = 0x1p-100...0x1p100

    /// The precisions whose θ are swept.
    static let precisions = [Precision.float32, .float64]

    // MARK: thresholds

    /// One candidate's θ for one scheme in one precision.
    public struct Threshold: Sendable, Hashable {
        public var candidate: String
        public var precision: Precision
        /// "θ8" for scheme T8, "θ13" for P13, "θ15+" for T15+.
        public var name: String
        public var value: Double

        public init(_ candidate: String, _ precision: Precision, _ name: String, _ value: Double) {
            (self.candidate, self.precision, self.name, self.value) = (candidate, precision, name, value)
        }

        /// E.g. "θ8 of taylor-bbc18@float64".
        public var label: String { "\(name) of \(candidate)@\(precision)" }
    }

    /// Every finite positive θ, grouped by candidate and precision (catalog order, float32 first),
    /// ascending within a group: `SweepThresholds.table`.
    public static var thresholds: [[Threshold]] { SweepThresholds.table }

    // MARK: targets

    /// Where a target sits relative to a θ.
    public enum Offset: Int, CaseIterable, Sendable {
        case belowTenth, belowThousandth, at, aboveThousandth, aboveTenth

        /// fl(1 + δ) with δ ∈ {−1e-1, −1e-3, 0, 1e-3, 1e-1}; the target is fl(θ·factor).
        public var factor: Double {
            switch self {
            case .belowTenth: return 1 - 1e-1
            case .belowThousandth: return 1 - 1e-3
            case .at: return 1
            case .aboveThousandth: return 1 + 1e-3
            case .aboveTenth: return 1 + 1e-1
            }
        }

        var suffix: String {
            switch self {
            case .belowTenth: return " × (1 − 1e-1)"
            case .belowThousandth: return " × (1 − 1e-3)"
            case .at: return ""
            case .aboveThousandth: return " × (1 + 1e-3)"
            case .aboveTenth: return " × (1 + 1e-1)"
            }
        }
    }

    /// Why a target is in the sweep.
    public enum Role: Hashable, Sendable {
        case threshold(Offset)
        /// √(θᵢ·θᵢ₊₁) of one candidate and precision.
        case midpoint
        /// θ₁/2 of one candidate and precision.
        case belowFirst
        /// 10^k.
        case decade
    }

    /// One target ‖A‖₁ with every reason it is in the sweep.
    public struct Target: Sendable {
        public var norm: Double
        /// E.g. ["θ8 of taylor-bbc18@float64 × (1 + 1e-3)", "θ8 of mlx-proposal-t8@float64 × (1 + 1e-3)"].
        public var labels: [String]
        public var roles: Set<Role>

        /// In the quick suite: just below or above a θ (δ = 1e-3), or a decade.
        public var isQuick: Bool {
            roles.contains(.threshold(.belowThousandth)) || roles.contains(.threshold(.aboveThousandth))
                || roles.contains(.decade)
        }
    }

    /// The decades 10^k, k = −8 … 4 (see the design note); parsed from "1e<k>", hence correctly rounded.
    static let decades = (-8...4).map { Double("1e\($0)")! }

    /// Every target, ascending, each norm once (labels of equal targets merged).
    public static let targets: [Target] = {
        var byNorm = [Double: Target]()
        var order = [Double]()
        func add(_ norm: Double, _ label: String, _ role: Role) {
            if byNorm[norm] == nil { byNorm[norm] = Target(norm: norm, labels: [], roles: []); order.append(norm) }
            if !byNorm[norm]!.labels.contains(label) { byNorm[norm]!.labels.append(label) }
            byNorm[norm]!.roles.insert(role)
        }
        for group in thresholds {
            for t in group {
                for o in Offset.allCases { add(t.value * o.factor, t.label + o.suffix, .threshold(o)) }
            }
            let key = "of \(group[0].candidate)@\(group[0].precision)"
            add(group[0].value / 2, "\(group[0].name)/2 \(key)", .belowFirst)
            for (lo, hi) in zip(group, group.dropFirst()) where lo.value < hi.value {
                add((lo.value * hi.value).squareRoot(), "√(\(lo.name)·\(hi.name)) \(key)", .midpoint)
            }
        }
        for (k, d) in zip(-8...4, decades) { add(d, "10^\(k)", .decade) }
        return order.sorted().map { byNorm[$0]! }
    }()

    /// The targets of the quick suite.
    public static var quickTargets: [Target] { targets.filter(\.isQuick) }

    /// The target with this exact norm, if the sweep has one.
    public static func target(norm: Double) -> Target? {
        targets.first { $0.norm == norm }
    }

    /// What a sweep case is, e.g. ["θ8 of taylor-bbc18@float64 × (1 + 1e-3)"]; empty for other cases
    /// and for sweep ids whose norm is not one of `targets` (a hand-written id).
    public static func labels(for spec: CaseSpec) -> [String] {
        guard case .sweep(_, let norm) = spec.variant else { return [] }
        return target(norm: norm)?.labels ?? []
    }

    // MARK: suites

    /// The sweep variants of a suite, by base then ascending norm.
    ///
    /// - quick (CI): base randn, the targets θ·(1 ± 1e-3) and the decades.
    /// - full: randn at every target; skew, upper, triu-k3 and markov at the quick targets. All five
    ///   bases at every target would be 5 × `targets.count` (about 1,300) cases, each with its MPFR
    ///   reference and every candidate: above the budget of about 800 sweep cases set for the full
    ///   suite; the θ·(1 ± 1e-3) pairs, where choices switch, are kept for every base.
    public static func variants(for suite: Suite) -> [CaseSpec.Variant] {
        SweepBase.allCases.flatMap { base -> [CaseSpec.Variant] in
            let chosen = suite == .full && base == .randn ? targets : (base == .randn || suite == .full ? quickTargets : [])
            return chosen.map { .sweep(base: base, norm: $0.norm) }
        }
    }
}
