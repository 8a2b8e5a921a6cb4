import CMPFR

/// A complex number re + i·im as a pair of `MPFloat`s, for the few O(n²) scalar steps of the
/// eigendecomposition witness (eigenvalue updates, Newton coefficients, e^λ). Matrix kernels work
/// on `MPComplexMatrix` directly and do not go through this type.
///
/// Each operation is built from correctly rounded MPFR operations at the larger precision of its
/// operands: + and − have relative error ≤ 2^-p per part; |fl(x·y) − x·y| ≤ 2√2·2^-p·|x||y| to
/// first order, and / (as x·conj(y)/|y|²) a few units more; that is all the witness needs.
struct MPComplex {
    var re: MPFloat
    var im: MPFloat

    init(re: MPFloat, im: MPFloat) {
        self.re = re
        self.im = im
    }

    /// re + i·im from Doubles, exact when `precision` ≥ 53.
    init(_ re: Double, _ im: Double, precision: Int) {
        self.init(re: MPFloat(re, precision: precision), im: MPFloat(im, precision: precision))
    }

    var precision: Int { max(re.precision, im.precision) }

    static func + (x: MPComplex, y: MPComplex) -> MPComplex {
        MPComplex(re: x.re + y.re, im: x.im + y.im)
    }

    static func - (x: MPComplex, y: MPComplex) -> MPComplex {
        MPComplex(re: x.re - y.re, im: x.im - y.im)
    }

    static func * (x: MPComplex, y: MPComplex) -> MPComplex {
        MPComplex(re: x.re * y.re - x.im * y.im, im: x.re * y.im + x.im * y.re)
    }

    /// x / y as x·conj(y)/|y|² (MPFR's exponent range makes |y|² safe from over- and underflow).
    static func / (x: MPComplex, y: MPComplex) -> MPComplex {
        let d = y.re * y.re + y.im * y.im
        return MPComplex(re: (x.re * y.re + x.im * y.im) / d, im: (x.im * y.re - x.re * y.im) / d)
    }

    /// e^z = e^re·(cos im + i·sin im).
    func exp() -> MPComplex {
        let scale = re.exp()
        return MPComplex(re: scale * im.cos(), im: scale * im.sin())
    }

    /// |z| correctly rounded in direction `mode` (to nearest by default; upward for bounds).
    func magnitude(rounding mode: mpfr_rnd_t = rnd) -> MPFloat { re.hypot(im, rounding: mode) }

    var isZero: Bool { re.isZero && im.isZero }
    var isFinite: Bool { re.isFinite && im.isFinite }
}
