/// Elementary functions built only from IEEE-754 basic operations (+, −, ×, ÷, √), which are
/// correctly rounded everywhere. The platform libm is not required to be, so results of `log`
/// could differ between machines and the generated matrices with them. Accuracy here is a few
/// ulps, which is all a sampler needs; what matters is that the bits are the same everywhere.
public enum PortableMath {
    /// ln 2 to double precision.
    static let ln2 = 0.693_147_180_559_945_309_417_232_121_458_2

    /// Natural logarithm of a positive finite x, to a few ulps.
    ///
    /// x = 2^e·m with m in [√½, √2); ln m = 2·atanh(z), z = (m−1)/(m+1), |z| ≤ 0.172,
    /// summed as an odd series to z^31 (truncation < 0.172^33/33 ≈ 1e-27, far below an ulp).
    public static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "PortableMath.log needs a positive finite argument")
        var e = Int(x.exponent)
        var m = x.significand  // in [1, 2), exact
        if m > 1.414_213_562_373_095_1 {
            m /= 2  // exact
            e += 1
        }
        let z = (m - 1) / (m + 1)
        let z2 = z * z
        var sum = 0.0
        var k = 31
        while k >= 1 {
            sum = sum * z2 + 1 / Double(k)
            k -= 2
        }
        return Double(e) * ln2 + 2 * z * sum
    }
}
