/// The operations an evaluation scheme of exp's polynomial or rational approximant is written in.
///
/// A scheme written against this protocol runs on `Matrix` to compute exp(A), and on a truncated
/// power series to audit it: expanding the very same code in high precision shows which polynomial
/// it really evaluates (see `harness audit`). Constants enter through `Coefficient`, the working
/// precision, so the audit sees them rounded exactly as the computation does.
public protocol SchemeAlgebra {
    /// The working precision; constants are rounded to it before use.
    associatedtype Coefficient: BLASScalar
    /// The identity of the same shape.
    var one: Self { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    /// The product (a counted matrix product for matrices, a truncated product for series).
    static func * (a: Self, b: Self) -> Self
    /// c·X.
    static func * (c: Coefficient, x: Self) -> Self
    /// X/d entry by entry (some posted schemes divide instead of multiplying by 1/d).
    func divided(by d: Coefficient) -> Self
    /// X + c·I.
    func addingDiagonal(_ c: Coefficient) -> Self
}

/// Matrices evaluate schemes with the operations above (declared here, beside them, so that a
/// candidate specialised for Float or Double calls them directly instead of through the protocol).
extension Matrix: SchemeAlgebra {
    public typealias Coefficient = T
}
