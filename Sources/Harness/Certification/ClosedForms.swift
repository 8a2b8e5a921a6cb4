import Cases
import Linalg
import Reference

/// exp(A) in closed form, for the generated variants that have one, evaluated in MPFR: an
/// independent witness for the Taylor reference (no scaling, no squaring, no truncation).
///
/// - `nilpotent-shift`: 1/k! on the k-th superdiagonal.
/// - `nilpotent-upper`: the finite series Σ_{k<n} N^k/k! (N^n = 0), by Horner's rule in MPFR; only
///   for n ≤ `maxSeriesOrder`, as its cost grows like n⁴.
/// - `rotation-blocks`: [[cos θ, −sin θ], [sin θ, cos θ]] per block (MPFR's correctly rounded sin/cos).
/// - `illcond-triu`: per block [[e^a, c·(e^a − e^b)/(a − b)], [0, e^b]] (c·e^a when a = b).
/// - `illcond-exact`: V·e^D·V⁻¹ from the exactly known factors V = I + u·vᵀ (vᵀu = 0) and D.
/// - `literature-…`: the matrix's exact exponential where the catalog has one (see `LiteratureCatalog`).
/// - `sweep-upper-…`, `sweep-triu-k3-…`: as their bases (scaling keeps strictly upper triangular and
///   2×2 triangular block structure exactly; the forms read the scaled entries from the matrix).
/// The other variants have no closed form.
extension CaseSpec {
    static let closedFormBits = 256
    static let maxSeriesOrder = 64

    /// The name of this variant's closed form, nil when it has none at this order.
    public var closedFormName: String? {
        switch variant {
        case .nilpotentShift: return "closed form: 1/k! on the k-th superdiagonal"
        case .nilpotentUpper where n <= Self.maxSeriesOrder, .sweep(.upper, _) where n <= Self.maxSeriesOrder:
            return "closed form: finite series Σ N^k/k!"
        case .rotationBlocks: return "closed form: cos/sin per 2×2 block"
        case .illcondTriu, .sweep(.triuK3, _): return "closed form: per 2×2 triangular block"
        case .illcondExact: return "closed form: V·e^D·V⁻¹ from the exact factors"
        case .literature(let name):
            return LiteratureCatalog.entry(named: name)?.hasClosedForm == true ? "closed form: literature" : nil
        default: return nil
        }
    }

    /// exp(A) of `a` (this case's matrix) in closed form at 256 bits, or nil.
    public func closedForm(of a: Matrix<Double>) -> MPMatrix? {
        guard closedFormName != nil else { return nil }
        let p = Self.closedFormBits
        switch variant {
        case .nilpotentShift:
            let e = MPMatrix(order: n, precision: p)
            for j in 0..<n { for i in 0...j { e[i, j] = MPFloat.reciprocalFactorial(j - i, precision: p) } }
            return e
        case .nilpotentUpper, .sweep(.upper, _):
            return Self.finiteSeries(a, precision: p)
        case .rotationBlocks:
            return Self.blocks(a, precision: p) { x in
                let t = x[1, 0]
                return [[t.cos(), -t.sin()], [t.sin(), t.cos()]]
            }
        case .illcondTriu, .sweep(.triuK3, _):
            return Self.blocks(a, precision: p) { x in
                let (d1, d2, c) = (x[0, 0], x[1, 1], x[0, 1])
                let (e1, e2) = (d1.exp(), d2.exp())
                let coupling = d1 == d2 ? c * e1 : c * (e1 - e2) / (d1 - d2)
                return [[e1, coupling], [MPFloat(0, precision: p), e2]]
            }
        case .literature(let name):
            return LiteratureCatalog.entry(named: name)?.exactExponential(bits: p)
        case .illcondExact(let k):
            var rng = PortableRandom(key: id)
            return Self.similarityExp(Self.exactFactors(n, k: k, &rng), precision: p)
        default:
            return nil
        }
    }

    /// exp(V·D·V⁻¹) = V·e^D·V⁻¹ = (I + u·vᵀ)·e^D·(I − u·vᵀ)
    ///   = e^D + u·(vᵀe^D) − (e^D·u)·vᵀ − (vᵀe^D·u)·u·vᵀ, in MPFR, O(n²).
    private static func similarityExp(_ f: (u: [Double], v: [Double], d: [Double]), precision p: Int) -> MPMatrix {
        let n = f.d.count
        let e = f.d.map { MPFloat($0, precision: p).exp() }
        let u = f.u.map { MPFloat($0, precision: p) }, v = f.v.map { MPFloat($0, precision: p) }
        var vEu = MPFloat(0, precision: p)
        for i in 0..<n { vEu = vEu + v[i] * e[i] * u[i] }
        let r = MPMatrix(order: n, precision: p)
        for j in 0..<n {
            for i in 0..<n {
                var x = u[i] * (v[j] * e[j]) - (e[i] * u[i]) * v[j] - vEu * u[i] * v[j]
                if i == j { x = x + e[i] }
                r[i, j] = x
            }
        }
        return r
    }

    /// Σ_{k<n} N^k/k! by Horner's rule, E ← I + N·E/k for k = n−1 … 1.
    private static func finiteSeries(_ a: Matrix<Double>, precision p: Int) -> MPMatrix {
        let n = a.rows
        let nMP = MPMatrix(a, precision: p)
        var e = MPMatrix.identity(order: n, precision: p)
        for k in stride(from: n - 1, through: 1, by: -1) {
            let next = MPMatrix.identity(order: n, precision: p)
            next.add(nMP * e, times: MPFloat(1, precision: p) / MPFloat(k, precision: p))
            e = next
        }
        return e
    }

    /// A block-diagonal exp from 2×2 blocks on the diagonal (entries read from `a`) and e^{a_nn}
    /// for a trailing 1×1 block.
    private static func blocks(
        _ a: Matrix<Double>, precision p: Int, _ block: (MPMatrix) -> [[MPFloat]]
    ) -> MPMatrix {
        let n = a.rows
        let e = MPMatrix(order: n, precision: p)
        var i = 0
        while i + 1 < n {
            let x = MPMatrix(order: 2, precision: p)
            for r in 0..<2 { for c in 0..<2 { x[r, c] = MPFloat(a[i + r, i + c], precision: p) } }
            let b = block(x)
            for r in 0..<2 { for c in 0..<2 { e[i + r, i + c] = b[r][c] } }
            i += 2
        }
        if i < n { e[i, i] = MPFloat(a[i, i], precision: p).exp() }
        return e
    }
}
