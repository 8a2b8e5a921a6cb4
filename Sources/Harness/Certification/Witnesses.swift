import Linalg
import Reference
import Cases

/// The witnesses that check a reference, and the evidence they give: closed forms where a case has
/// one, Arb's rigorous enclosure, the eigendecomposition in MPFR, the modular Taylor–Horner witness,
/// and κ_exp of the input.
public enum Witnesses {
    /// Which engine computed the reference being assessed.
    public enum Engine: Sendable {
        /// `TaylorReference` (MPFR); the fast path is then run as a check where it applies.
        case mpfr
        /// `FastReference` (double-double, Ozaki products).
        case fast
        /// `ArbReference`: Arb's midpoint, where the fast engine fell short of the target; its digits are
        /// proven by the radius, and the fast path is run as a check.
        case arb
    }

    /// What the witnesses compute from A alone. A certification that assesses two references of the same
    /// matrix (Arb taking over from the fast engine) passes one `Memo` to both, so the modular witness,
    /// the fast path, the closed form and κ_exp are computed once.
    public final class Memo {
        var modular: (hi: Matrix<Double>, lo: Matrix<Double>)?
        /// The fast path's value, set by the certifier when it has just computed it as a reference.
        public var fast: (hi: Matrix<Double>, lo: Matrix<Double>)?
        var closedForm: MPMatrix??
        /// κ_exp with ‖e^A‖₁ from the first reference assessed (references that certify agree far beyond
        /// the few digits κ is wanted to).
        var kappa: (value: Double, exact: Bool)?

        public init() {}
    }

    /// The independent witnesses available for a case, and the evidence they give.
    ///
    /// Closed forms where the case has one; Arb's rigorous enclosure (arb_mat_exp) for n ≤
    /// `arbMaxOrder`, whose digits are proven: the distance from the reference to Arb's midpoint plus
    /// Arb's radius bounds the reference's error; the eigendecomposition for n ≤ `eigenMaxOrder`; and
    /// `ModularTaylorExp` wherever double-double can hold exp(A) (`FastReference.isApplicable`).
    /// The modular witness shares no code with either reference engine: its products are exact
    /// integer products of residues (CRT) rather than Ozaki's floating-point slices or MPFR, its series
    /// is a Horner-evaluated Taylor polynomial at a scaling 3 steps finer (‖A/2^s‖₁ ≤ 1/8) with its own
    /// truncation bound and coefficients. For an MPFR reference (`engine` .mpfr) the fast path is also
    /// run as a check for n ≤ `fastCheckMaxOrder`, so that every case up to that order tests the engine
    /// used above it.
    public static func assess(_ r: ReferenceExp, _ spec: CaseSpec?, _ a: Matrix<Double>, target: Double,
                        arbMaxOrder: Int = 0, eigenMaxOrder: Int = Witnesses.eigenMaxOrder,
                        engine: Engine = .mpfr, memo: Memo = Memo()) -> Evidence {
        var independent = [(name: String, digits: AgreementDigits)]()
        if engine == .arb {
            // The enclosure proves the midpoint's digits (the certificate carries them).
            independent.append((arbWitnessName, AgreementDigits(normwise: r.certificate.normwiseDigits,
                                                                componentwise: r.certificate.componentwiseDigits)))
        }
        var checks = [(name: String, digits: AgreementDigits)]()
        var underflow = 0
        let reference = MPMatrix.fromHiLo(r.hi, r.lo, precision: 256)
        /// Agreement of a double-double witness with the reference, setting aside entries below
        /// Double's normal range as the Arb branch does.
        func agreement(_ hi: Matrix<Double>, _ lo: Matrix<Double>) -> AgreementDigits {
            let (x, y, k) = maskingUnderflow(reference, MPMatrix.fromHiLo(hi, lo, precision: 256))
            underflow = max(underflow, k)
            return Agreement.digits(x, y, cap: Evidence.storedDigits)
        }
        if let spec, spec.closedFormName != nil, memo.closedForm == nil { memo.closedForm = .some(spec.closedForm(of: a)) }
        if let spec, let name = spec.closedFormName, let exact = memo.closedForm ?? nil, r.hi.isFinite {
            let (x, y, k) = maskingUnderflow(reference, exact)
            underflow = max(underflow, k)
            // The exact value first: entries it has exactly zero are then measured against its largest
            // entry, so rounding noise of order 2^-256·‖E‖ in the reference there is not a disagreement.
            independent.append((name, Agreement.digits(y, x, cap: Evidence.storedDigits)))
        }
        if a.rows <= arbMaxOrder, r.hi.isFinite, let arb = ArbWitness.exp(a) {
            // Rigorous, unless the reference has entries below Double's normal range (where the true
            // value may have underflowed): those are set aside and the rest compared with Arb's
            // midpoint, whose radius (~2^-200 relative) is far below the 31 digits claimed.
            let digits: AgreementDigits
            if r.hi.elements.contains(where: { abs($0) < Double.leastNormalMagnitude }) {
                let (x, y, k) = maskingUnderflow(reference, MPMatrix.fromHiLo(arb.hi, arb.lo, precision: 256))
                underflow = max(underflow, k)
                digits = Agreement.digits(x, y, cap: Evidence.storedDigits)
            } else {
                digits = arb.digits(hi: r.hi, lo: r.lo, cap: Evidence.storedDigits)
            }
            independent.append((arbWitnessName, digits))
        }
        var refusals = [String]()
        if a.rows <= eigenMaxOrder, r.hi.isFinite {
            switch EigenReference.compute(a, bits: 256, maximumOrder: eigenMaxOrder) {
            case .computed(let eig):
                let (x, y, k) = maskingUnderflow(reference, eig.value)
                underflow = max(underflow, k)
                independent.append((eigenWitnessName, Agreement.digits(x, y, cap: Evidence.storedDigits)))
            case .notApplicable(let reason):
                refusals.append("\(eigenWitnessName): not applicable (\(reason))")
            }
        }
        if r.hi.isFinite && FastReference.isApplicable(a) {
            let w = memo.modular ?? { let m = ModularTaylorExp.compute(a); return (m.hi, m.lo) }()
            memo.modular = w
            independent.append((modularWitnessName, agreement(w.hi, w.lo)))
            if (engine == .mpfr && a.rows <= fastCheckMaxOrder) || engine == .arb {
                let fast = memo.fast ?? { let f = DoubleDoubleExp.evaluate(a).value; return (f.hi, f.lo) }()
                memo.fast = fast
                checks.append((Evidence.fastCheck, agreement(fast.hi, fast.lo)))
            }
        }
        let names = switch engine {
        case .mpfr: (Evidence.primary, Evidence.selfCheck)
        case .fast: (Evidence.fastPrimary, Evidence.fastSelfCheck)
        case .arb: (Evidence.arbPrimary, Evidence.arbSelfCheck)
        }
        // Checking MPFR, the double-double computations are limited by their own precision (about one bit
        // lost per squaring): their digits are listed, and the report counts shortfalls, but a shortfall is
        // no evidence against the 256-bit reference.
        let quiet: Set<String> = engine == .mpfr ? [modularWitnessName, Evidence.fastCheck] : []
        var e = Evidence.assess(r.certificate, independent: independent, checks: checks, target: target, names: names,
                                quiet: quiet)
        e.underflowEntries = underflow
        e.refusals = refusals
        if r.hi.isFinite && a.rows > 0 {
            // ‖e^A‖₁ from the certified reference: the estimate path then needs no Double expm of its own.
            let k = memo.kappa ?? ExpCondition.kappa(a, expNorm1: r.hi.norm1)
            memo.kappa = k
            if k.value.isFinite { (e.kappa, e.kappaExact) = (k.value, k.exact) }
        }
        return e
    }

    /// Largest order for which runs compute κ_exp exactly (n² block exponentials of order 2n in MPFR:
    /// well under a second at n = 8, about 2 s at n = 16 on 2 cores, once per matrix thanks to the cache); above it, the
    /// normest1 estimate (tested within a factor 3 of exact).
    public static let kappaExactMaxOrder = ExpCondition.exactMaxOrder

    public static let eigenWitnessName = "eigen: V·e^Λ·V⁻¹, Newton-refined in MPFR"
    /// Largest order for the eigendecomposition witness (its cost grows like n³ per Newton step in
    /// MPFR complex arithmetic: ~1 s at n = 64).
    public static let eigenMaxOrder = 64

    /// Entries where the witness's exact value is below Double's smallest normal number and the
    /// stored reference is too: there the right Double answer is 0 or a subnormal, which cannot carry
    /// relative accuracy; they are recorded as underflow and set to 0 in both before comparing.
    public static func maskingUnderflow(_ reference: MPMatrix, _ witness: MPMatrix) -> (MPMatrix, MPMatrix, Int) {
        let tiny = MPFloat(Double.leastNormalMagnitude, precision: 256)
        let x = reference.copy(), y = witness.copy()
        var count = 0
        for j in 0..<x.order {
            for i in 0..<x.order where y[i, j].magnitude < tiny && x[i, j].magnitude < tiny {
                if !(y[i, j].isZero && x[i, j].isZero) { count += 1 }  // exact zeros are not underflow
                x[i, j] = MPFloat(0, precision: 256)
                y[i, j] = MPFloat(0, precision: 256)
            }
        }
        return (x, y, count)
    }

    public static let arbWitnessName = "arb: arb_mat_exp enclosure (rigorous)"

    public static let modularWitnessName = "modular: Taylor-Horner on exact CRT integer products"

    /// Largest order at which the fast path is checked against the MPFR reference (above it, it is the
    /// reference).
    public static let fastCheckMaxOrder = 256

    /// What the evidence depends on besides the input and the reference: the witness set and its orders,
    /// and how κ is obtained. Part of the evidence cache key, so evidence made another way is recomputed.
    public static func key(arbMaxOrder: Int) -> String {
        "closed-forms+arb\(arbMaxOrder)+eigen\(eigenMaxOrder)+modular+ddcheck\(fastCheckMaxOrder)+kappa\(kappaExactMaxOrder)-refnorm+estimate[\(ExpCondition.estimator)]"
    }
}
