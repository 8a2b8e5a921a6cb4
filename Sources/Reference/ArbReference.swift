import Linalg

/// exp(A) from Arb's rigorous enclosure (`ArbWitness`): the reference for large matrices on which the
/// double-double engine cannot reach the target, i.e. those needing many squarings (‖A‖₁ of 10⁴ to 10⁹:
/// ill-conditioned, stiff), where hi + lo's 2^-106 grows by up to 2^s.
///
/// The midpoint, rounded to hi + lo, is the value; the digits are proven, not estimated: the radius
/// plus the rounding to hi + lo bounds the distance to the true exp(A) (`ArbExp.digits(hi:lo:cap:)`).
/// Arb works at `bits` (160: a relative radius of 2^-(160−56) = 2^-104, 31 digits, is its goal) and
/// doubles the precision up to `maxBits` while the goal is missed (see `ArbWitness.exp`). Measured at
/// n = 512 on this machine (one thread): 15–31 s for ‖A‖₁ up to 3·10⁸ at 160 bits, 75 s where 320 bits
/// were needed (κ(V) ≈ 10⁸ similarity).
public enum ArbReference {
    /// The `Certificate.method` of references computed here.
    public static let method = "arb-midpoint: arb_mat_exp enclosure's midpoint; digits proven by its radius"
    public static let bits = 160
    public static let maxBits = 640

    /// The reference and its proven digits (normwise and in the worst entry), or nil when Arb gives no
    /// bounded enclosure or misses its goal even at `maxBits`.
    public static func compute(_ a: Matrix<Double>) -> (reference: ReferenceExp, proven: AgreementDigits)? {
        guard let arb = ArbWitness.exp(a, bits: bits, maxBits: maxBits), arb.meetsTarget,
              arb.hi.isFinite, arb.lo.isFinite else { return nil }
        let proven = arb.digits(hi: arb.hi, lo: arb.lo, cap: 31)
        let certificate = Certificate(
            method: method, bits: [arb.workingBits, arb.workingBits], scalings: [], degrees: [],
            normwiseDigits: proven.normwise, componentwiseDigits: proven.componentwise, seconds: arb.seconds)
        return (ReferenceExp(order: a.rows, hi: arb.hi, lo: arb.lo, certificate: certificate), proven)
    }
}
