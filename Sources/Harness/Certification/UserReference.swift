import FileIO
import Linalg
import Reference

/// The certified exp of a user matrix: real part, imaginary part for a complex input, and the
/// certificate of the computation.
public struct UserReference: Sendable {
    public var real: HiLoMatrix
    /// nil for a real input.
    public var imaginary: HiLoMatrix?
    public var certificate: Certificate

    public init(real: HiLoMatrix, imaginary: HiLoMatrix?, certificate: Certificate) {
        self.real = real
        self.imaginary = imaginary
        self.certificate = certificate
    }

    /// exp(m) by `TaylorReference` (real input) or `ComplexReference` (complex input).
    public static func compute(_ m: UserMatrix, bits: Int = 256, checkBits: Int = 192) -> UserReference {
        if let y = m.imaginary {
            return ComplexReference.compute(real: m.real, imaginary: y, bits: bits, checkBits: checkBits)
        }
        let r = TaylorReference.compute(m.real, bits: bits, checkBits: checkBits)
        return UserReference(real: HiLoMatrix(hi: r.hi, lo: r.lo), imaginary: nil, certificate: r.certificate)
    }
}
