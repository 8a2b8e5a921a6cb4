/// A floating-point format a candidate computes in, by the name ids, reports and JSON use.
///
/// The harness's own candidates run in `float32` and `float64`; the others are formats that external
/// implementations offer (half precision, bfloat16, complex). Each case's raw value is its JSON
/// spelling, so results and baselines read the same as when precisions were strings.
public enum Precision: String, Codable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// IEEE binary16: 11 significand bits.
    case float16
    /// bfloat16: 8 significand bits, float32's exponent range.
    case bfloat16
    /// IEEE binary32.
    case float32
    /// IEEE binary64.
    case float64
    /// Complex with float32 parts.
    case complex64
    /// Complex with float64 parts.
    case complex128

    public var description: String { rawValue }

    /// The real format of the parts (itself for a real format).
    public var real: Precision {
        switch self {
        case .complex64: return .float32
        case .complex128: return .float64
        default: return self
        }
    }

    public var isComplex: Bool { real != self }

    /// Significand bits p, including the hidden bit (IEEE 754-2019 Table 3.5; bfloat16: Intel,
    /// "BFLOAT16 – Hardware Numerics Definition", 2018, §2).
    public var significandBits: Int {
        switch real {
        case .float16: return 11
        case .bfloat16: return 8
        case .float32: return 24
        default: return 53
        }
    }

    /// Unit roundoff u = 2^-p of round-to-nearest: 2^-24 for float32, 2^-53 for float64.
    public var unitRoundoff: Double { Double(sign: .plus, exponent: -significandBits, significand: 1) }

    /// The largest finite magnitude, as a Double.
    public var greatestFiniteMagnitude: Double {
        switch real {
        case .float16: return 65504
        case .bfloat16: return Double(sign: .plus, exponent: 127, significand: 2 - 0x1p-7)
        case .float32: return Double(Float.greatestFiniteMagnitude)
        default: return Double.greatestFiniteMagnitude
        }
    }

    /// The smallest positive normal magnitude, as a Double.
    public var leastNormalMagnitude: Double {
        switch real {
        case .float16: return 0x1p-14
        case .bfloat16, .float32: return Double(Float.leastNormalMagnitude)
        default: return Double.leastNormalMagnitude
        }
    }

    public static func < (a: Precision, b: Precision) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
