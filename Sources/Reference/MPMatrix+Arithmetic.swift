import CMPFR

// Matrix arithmetic in MPFR. The product is where the reference spends its time
// (n³ multiply-adds per product), so it is written as an allocation-free kernel.

extension MPMatrix {
    /// c ← a·b, every entry accumulated in c's precision: each product a_ik·b_kj is rounded
    /// to c's precision, then added (rounded again). Normwise, ‖c − a·b‖₁ ≤ (n+1)·2^-p·‖a‖₁‖b‖₁
    /// to first order, with p = c.precision.
    ///
    /// Loop order j-k-i walks columns of a and c contiguously. Exact zeros are skipped: a zero
    /// b_kj skips the whole column sweep, a zero a_ik skips one update. This is exact for finite
    /// operands (0·x = 0 and c + 0 = c) and makes triangular or nilpotent inputs much cheaper.
    /// Measured on this machine at 256 bits, mpfr_mul + mpfr_add into one reused temporary
    /// beats mpfr_fma (≈65 vs ≈75 ns per update) and mpfr_dot per entry (≈85 ns).
    ///
    /// `c` must be distinct from `a` and `b`; `scratch` is the temporary (c's precision).
    static func multiply(_ a: MPMatrix, _ b: MPMatrix, into c: MPMatrix, scratch: MPFloat) {
        let n = a.order
        precondition(b.order == n && c.order == n, "order mismatch in product")
        precondition(c !== a && c !== b, "product target must not alias an operand")
        precondition(scratch.precision == c.precision, "scratch precision must match the target")
        c.setZero()
        accumulate(a, b, into: c, subtract: false, scratch: scratch)
    }

    /// c ← c + a·b, or c ← c − a·b when `subtract`, with the loop order, zero skipping and
    /// rounding of `multiply` (each product rounded to c's precision, then added or subtracted,
    /// rounded again). `c` must be distinct from `a` and `b`.
    static func accumulate(
        _ a: MPMatrix, _ b: MPMatrix, into c: MPMatrix, subtract: Bool, scratch: MPFloat
    ) {
        let n = a.order
        precondition(b.order == n && c.order == n, "order mismatch in product")
        precondition(c !== a && c !== b, "product target must not alias an operand")
        precondition(scratch.precision == c.precision, "scratch precision must match the target")
        let t = scratch.value
        for j in 0..<n {
            let cColumn = c.entries + j * n
            for k in 0..<n {
                let bkj = b.entry(k, j)
                if mpfr_zero_p(bkj) != 0 { continue }
                let aColumn = a.entries + k * n
                for i in 0..<n where mpfr_zero_p(aColumn + i) == 0 {
                    mpfr_mul(t, aColumn + i, bkj, rnd)
                    if subtract { mpfr_sub(cColumn + i, cColumn + i, t, rnd) }
                    else { mpfr_add(cColumn + i, cColumn + i, t, rnd) }
                }
            }
        }
    }

    /// The product a·b in the larger of the two precisions (error bound as for `multiply`).
    public static func * (a: MPMatrix, b: MPMatrix) -> MPMatrix {
        let precision = max(a.precision, b.precision)
        let c = MPMatrix(order: a.order, precision: precision)
        multiply(a, b, into: c, scratch: MPFloat(precision: precision))
        return c
    }

    /// Sets every entry to +0.
    func setZero() {
        for e in 0..<(order * order) { mpfr_set_zero(entries + e, 1) }
    }

    /// self ← self + c·x entrywise, with a single rounding per entry (fused multiply-add)
    /// to self's precision.
    public func add(_ x: MPMatrix, times c: MPFloat) {
        precondition(x.order == order, "order mismatch in add")
        for e in 0..<(order * order) {
            mpfr_fma(entries + e, x.entries + e, c.value, entries + e, rnd)
        }
    }

    /// self ← self + c·I, one rounding per diagonal entry.
    public func addIdentity(times c: MPFloat) {
        for i in 0..<order { mpfr_add(entry(i, i), entry(i, i), c.value, rnd) }
    }

    /// self ← 2^k · self, exact (barring MPFR exponent overflow/underflow, at about 2^±(2^30)).
    public func scale(byPowerOfTwo k: Int) {
        for e in 0..<(order * order) { mpfr_mul_2si(entries + e, entries + e, k, rnd) }
    }
}
