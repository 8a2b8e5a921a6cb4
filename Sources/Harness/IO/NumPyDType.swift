import Linalg

/// The element types read and written in `.npy` files: little- or big-endian float32, float64,
/// complex64 and complex128 (`<f4`, `<f8`, `<c8`, `<c16`, and `>…`; `=` means little-endian here).
public struct NumPyDType: Equatable, Sendable {
    public enum Kind: String, Sendable { case f4, f8, c8, c16 }
    var kind: Kind
    var bigEndian: Bool

    init(kind: Kind, bigEndian: Bool = false) {
        self.kind = kind
        self.bigEndian = bigEndian
    }

    /// From a descr string such as '<f8'; nil when not one of the supported types.
    init?(descr: String) {
        guard let order = descr.first, "<>=|".contains(order), let kind = Kind(rawValue: String(descr.dropFirst())) else {
            return nil
        }
        if order == "|" { return nil }  // byte order "not applicable" is only for 1-byte types
        self.init(kind: kind, bigEndian: order == ">")
    }

    var descr: String { (bigEndian ? ">" : "<") + kind.rawValue }
    var isComplex: Bool { kind == .c8 || kind == .c16 }
    /// Bytes of one real component.
    var componentSize: Int { kind == .f4 || kind == .c8 ? 4 : 8 }
    /// Bytes of one element.
    var itemSize: Int { componentSize * (isComplex ? 2 : 1) }
    /// Whether this machine stores numbers little-endian, so that `<` data is its own memory layout.
    static let hostIsLittleEndian = 1.littleEndian == 1

    /// The precision of the stored numbers.
    var precision: Precision {
        switch kind {
        case .f4: return .float32
        case .f8: return .float64
        case .c8: return .complex64
        case .c16: return .complex128
        }
    }
}
