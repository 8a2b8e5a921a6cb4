/// The matrix families the generator knows.
public enum Family: String, CaseIterable, Codable, Sendable {
    /// Dense Gaussian entries N(0, σ²): the matrices of the original framework comparison.
    case randn
    /// Nilpotent matrices (exp is a finite series): random strictly upper triangular, and the shift.
    case nilpotent
    /// Skew-symmetric generators (exp is orthogonal): dense, and block-diagonal 2×2 rotations.
    case rotation
    /// Non-normal matrices whose exponential is ill-conditioned: V·D·V⁻¹ with cond(V) ≈ 10^k,
    /// and upper-triangular matrices with off-diagonal entries 10^k times the diagonal.
    case illcond
    /// Rate matrices of continuous-time Markov chains (off-diagonal ≥ 0, rows summing to 0):
    /// exp(A) is stochastic (nonnegative, rows summing to 1), dense or stiff.
    case markov
    /// Fixed matrices from the expm literature, library test suites and bug reports
    /// (`LiteratureCatalog`), each run once at its own order whatever the suite's sizes.
    case literature
    /// One base matrix of each generated family scaled so that ‖A‖₁ sits at a chosen target: just
    /// below, at and just above every candidate's θ_m, between them, and at decades (`NormSweep`).
    /// Always n = `NormSweep.order`, whatever the suite's sizes.
    case sweep

    public var summary: String {
        switch self {
        case .randn: return "dense N(0, σ²) entries, σ ∈ {0.1, 1.0}"
        case .nilpotent: return "strictly upper triangular N(0,1) entries; the shift (Jordan block of 0)"
        case .rotation: return "skew-symmetric (B − Bᵀ)/2; block-diagonal 2×2 rotations with angles in (−π, π)"
        case .illcond: return "V·D·V⁻¹ with cond₂(V) = 2^⌈k·log₂10⌉ ≈ 10^k; triangular 2×2 blocks with coupling 10^k; "
            + "exact V·D·V⁻¹ (V = I + u·vᵀ, integer factors) with a closed form"
        case .markov: return "rate matrices (off-diagonal ≥ 0, rows sum to 0), exp stochastic: dense rates in [0, 1]; stiff rows scaled by up to 10^k"
        case .literature:
            return "\(LiteratureCatalog.all.count) fixed matrices from papers, test suites and bug reports (own order, run once)"
        case .sweep:
            return "randn, skew, upper, triu-k3 and markov bases scaled to ‖A‖₁ just below, at and above every θ_m, "
                + "between them and at decades 1e-8…1e4 (n = \(NormSweep.order))"
        }
    }
}

/// One generated test matrix, identified by a stable id such as `randn-s1.0-n256-seed7`.
///
/// The id determines the matrix bit for bit on any machine: it names the family, the variant and
/// its parameter, the order n and the seed; the random stream is seeded from the id itself.
///
/// Grammar (`<…>` fields; the seed is absent where a variant has no randomness):
/// - `randn-s<σ>-n<n>-seed<seed>`
/// - `nilpotent-upper-n<n>-seed<seed>`, `nilpotent-shift-n<n>`
/// - `rotation-skew-n<n>-seed<seed>`, `rotation-blocks-n<n>-seed<seed>`
/// - `illcond-vdv-k<k>-n<n>-seed<seed>`, `illcond-triu-k<k>-n<n>-seed<seed>`, `illcond-exact-k<k>-n<n>-seed<seed>`
/// - `markov-dense-n<n>-seed<seed>`, `markov-stiff-k<k>-n<n>-seed<seed>`
/// - `literature-<name>`: a fixed matrix of `LiteratureCatalog` (no order or seed field; n is its own)
/// - `sweep-<base>-norm<value>-n<n>-seed<seed>`: the base variant's matrix for the same n and seed,
///   scaled so that ‖A‖₁ = value (`CaseSpec.sweepMatrix`). `<base>` is one of `randn` (as `randn-s1.0`),
///   `skew` (`rotation-skew`), `upper` (`nilpotent-upper`), `triu-k3` (`illcond-triu-k3`), `markov`
///   (`markov-dense`); `<value>` is Swift's shortest round-trip spelling of a finite positive Double
///   (`Double.description`: `norm2.5`, `norm1e-08`, `norm10000.0`) in `NormSweep.acceptedNorms`, which may
///   contain '-'; the variant token still ends at the order field `n<digits>`, which no such spelling
///   contains. n ≥ 2.
public struct CaseSpec: Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Variant: Hashable, Codable, Sendable {
        case randn(sigma: String)
        case nilpotentUpper, nilpotentShift
        case rotationSkew, rotationBlocks
        case illcondVDV(k: Int), illcondTriu(k: Int), illcondExact(k: Int)
        case markovDense, markovStiff(k: Int)
        /// A `LiteratureCatalog` entry, by name.
        case literature(name: String)
        /// A base variant's matrix scaled to ‖A‖₁ = norm (finite, > 0).
        case sweep(base: SweepBase, norm: Double)
    }

    public var variant: Variant
    public var n: Int
    /// nil for variants without randomness.
    public var seed: UInt64?

    /// Largest order accepted from an id or the command line, the order of the framework comparison this
    /// tool was built to check. MPFR references cost O(n³) at hundreds of bits: measured here, n = 256
    /// takes about 45 s on one core, so n = 1024 (about 46 minutes) is accepted but not yet practical.
    public static let maxOrder = 1024

    /// For `.literature` variants `n` is ignored: the order is the catalog matrix's own.
    public init(_ variant: Variant, n: Int, seed: UInt64?) {
        self.variant = variant
        if case .literature(let name) = variant, let entry = LiteratureCatalog.entry(named: name) {
            self.n = entry.order
        } else {
            self.n = n
        }
        self.seed = variant.isRandom ? (seed ?? 1) : nil
    }

    public var family: Family {
        switch variant {
        case .randn: return .randn
        case .nilpotentUpper, .nilpotentShift: return .nilpotent
        case .rotationSkew, .rotationBlocks: return .rotation
        case .illcondVDV, .illcondTriu, .illcondExact: return .illcond
        case .markovDense, .markovStiff: return .markov
        case .literature: return .literature
        case .sweep: return .sweep
        }
    }

    /// The σ of the randn family, as spelled in ids: the seed's two scales. Only these exist, so that
    /// every randn id names one documented matrix and no two ids name the same one.
    public static let randnSigmas = ["0.1", "1.0"]

    /// The canonical id.
    public var id: String {
        if case .literature(let name) = variant { return "literature-\(name)" }
        var parts = [family.rawValue, variant.token, "n\(n)"]
        if let seed { parts.append("seed\(seed)") }
        return parts.joined(separator: "-")
    }

    public var description: String { id }

    /// Parses an id; nil when it does not follow the grammar above or is not in canonical form.
    public init?(id: String) {
        if id.hasPrefix("literature-") {
            let name = String(id.dropFirst("literature-".count))
            guard LiteratureCatalog.entry(named: name) != nil else { return nil }
            self.init(.literature(name: name), n: 0, seed: nil)
            return
        }
        let parts = id.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let family = Family(rawValue: parts[0]) else { return nil }
        // The variant token runs up to the order field `n<digits>`.
        guard let nIndex = parts.indices.dropFirst(2).first(where: { Self.isOrderField(parts[$0]) }),
              let variant = Variant(family: family, token: parts[1..<nIndex].joined(separator: "-")),
              let n = Int(parts[nIndex].dropFirst()), n <= Self.maxOrder,
              family != .sweep || n >= NormSweep.minimumOrder
        else { return nil }
        let rest = parts[(nIndex + 1)...]
        var seed: UInt64?
        if variant.isRandom {
            guard rest.count == 1, let field = rest.first, field.hasPrefix("seed"),
                  let s = UInt64(field.dropFirst(4))
            else { return nil }
            seed = s
        } else if !rest.isEmpty {
            return nil
        }
        self.init(variant, n: n, seed: seed)
        guard self.id == id else { return nil }  // only canonical spellings, so ids are unique
    }

    private static func isOrderField(_ s: String) -> Bool {
        s.count > 1 && s.first == "n" && s.dropFirst().allSatisfy(\.isASCII) && s.dropFirst().allSatisfy(\.isNumber)
    }
}

extension CaseSpec.Variant {
    var isRandom: Bool {
        switch self {
        case .nilpotentShift, .literature: return false
        default: return true
        }
    }

    /// The id token after the family name.
    var token: String {
        switch self {
        case .randn(let sigma): return "s\(sigma)"
        case .nilpotentUpper: return "upper"
        case .nilpotentShift: return "shift"
        case .rotationSkew: return "skew"
        case .rotationBlocks: return "blocks"
        case .illcondVDV(let k): return "vdv-k\(k)"
        case .illcondTriu(let k): return "triu-k\(k)"
        case .illcondExact(let k): return "exact-k\(k)"
        case .markovDense: return "dense"
        case .markovStiff(let k): return "stiff-k\(k)"
        case .literature(let name): return name
        case .sweep(let base, let norm): return "\(base.rawValue)-norm\(norm.description)"
        }
    }

    init?(family: Family, token: String) {
        switch (family, token) {
        case (.randn, _) where token.hasPrefix("s"):
            let sigma = String(token.dropFirst())
            guard CaseSpec.randnSigmas.contains(sigma) else { return nil }
            self = .randn(sigma: sigma)
        case (.nilpotent, "upper"): self = .nilpotentUpper
        case (.nilpotent, "shift"): self = .nilpotentShift
        case (.rotation, "skew"): self = .rotationSkew
        case (.rotation, "blocks"): self = .rotationBlocks
        case (.illcond, _) where token.hasPrefix("vdv-k"):
            guard let k = Int(token.dropFirst(5)), (0...15).contains(k) else { return nil }
            self = .illcondVDV(k: k)
        case (.illcond, _) where token.hasPrefix("triu-k"):
            guard let k = Int(token.dropFirst(6)), (0...15).contains(k) else { return nil }
            self = .illcondTriu(k: k)
        case (.illcond, _) where token.hasPrefix("exact-k"):
            // k ≤ 5 keeps every entry a multiple of 1/64 below 2^18, hence exact in Float (see `exactSimilarity`).
            guard let k = Int(token.dropFirst(7)), (0...5).contains(k) else { return nil }
            self = .illcondExact(k: k)
        case (.markov, "dense"): self = .markovDense
        case (.markov, _) where token.hasPrefix("stiff-k"):
            guard let k = Int(token.dropFirst(7)), (0...12).contains(k) else { return nil }
            self = .markovStiff(k: k)
        case (.literature, _):
            guard LiteratureCatalog.entry(named: token) != nil else { return nil }
            self = .literature(name: token)
        case (.sweep, _):
            // No base token contains "-norm", so its first occurrence ends the base. Only the canonical
            // spelling of the value is accepted (the caller's round-trip check compares the whole id).
            guard let cut = token.range(of: "-norm"),
                  let base = SweepBase(rawValue: String(token[..<cut.lowerBound])),
                  let norm = Double(token[cut.upperBound...]), NormSweep.acceptedNorms.contains(norm)
            else { return nil }
            self = .sweep(base: base, norm: norm)
        default: return nil
        }
    }
}
