import Linalg

/// Coefficients of the diagonal [m/m] Padé approximant r_m(x) = p_m(x)/q_m(x) of exp(x), with
/// q_m(x) = p_m(−x).
///
/// Source: the closed form in Higham, "The scaling and squaring method for the matrix exponential
/// revisited", SIAM J. Matrix Anal. Appl. 26(4):1179–1193, 2005 (doi:10.1137/04061101X), §2:
/// p_m(x) = Σ_{j=0}^{m} c_j x^j with c_j = (2m−j)!·m! / ((2m)!·j!·(m−j)!).
/// Here every c_j is multiplied by the same integer (2m)!/m!, as in Higham's evaluation scheme, giving
/// b_j = (2m−j)! / (j!·(m−j)!) — integers, with b_m = 1 and b_0 = (2m)!/m!
/// (for m = 13, b_0 = 26!/13! = 64764752532480000). A common factor of p_m and q_m cancels in r_m.
///
/// The integers are computed exactly, never pasted from a table: b_j = C(2m−j, m)·(m!/j!), with
/// overflow-checked UInt64 arithmetic (valid for 1 ≤ m ≤ 14), and converted once to the working precision.
public enum PadeCoefficients {
    /// b_0 … b_m as exact integers.
    public static func integers(degree m: Int) -> [UInt64] {
        precondition((1...14).contains(m), "Padé degree \(m) outside 1...14 (b_0 would overflow UInt64)")
        return (0...m).map { j in
            checkedProduct(binomial(UInt64(2 * m - j), UInt64(m)), product(from: UInt64(j + 1), to: UInt64(m)))
        }
    }

    /// b_0 … b_m rounded once to T (round to nearest). All are exact in Double for m ≤ 13.
    public static func coefficients<T: BLASScalar>(degree m: Int, as _: T.Type = T.self) -> [T] {
        integers(degree: m).map { T($0) }
    }

    /// C(n, k) by the multiplicative formula; each partial product is itself a binomial coefficient,
    /// so every division is exact.
    static func binomial(_ n: UInt64, _ k: UInt64) -> UInt64 {
        var c: UInt64 = 1
        var i: UInt64 = 1
        while i <= k {
            c = checkedProduct(c, n - k + i) / i
            i += 1
        }
        return c
    }

    /// lo·(lo+1)·…·hi, and 1 when lo > hi (so m!/j! = product(from: j+1, to: m)).
    static func product(from lo: UInt64, to hi: UInt64) -> UInt64 {
        var p: UInt64 = 1
        var i = lo
        while i <= hi {
            p = checkedProduct(p, i)
            i += 1
        }
        return p
    }

    private static func checkedProduct(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        precondition(!overflow, "Padé coefficient overflowed UInt64")
        return r
    }
}
