import Foundation

/// Text and numbers as they appear in the SVG: escaped for XML, and numbers in one fixed format so
/// that the same plot always gives the same bytes.
public enum SVGText {
    /// `s` with the five XML special characters replaced by entities (safe in text and attributes).
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A coordinate with two decimals ("12.30"), never "-0.00".
    static func coord(_ x: Double) -> String {
        fixed(x, decimals: 2)
    }

    /// `x` with `decimals` digits after the point, in the POSIX locale, never a negative zero.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        let s = String(format: "%.\(max(0, decimals))f", x)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
        return s
    }

    /// A power of ten as a tick label: "1" for 10⁰, otherwise "1e-16", "1e3".
    static func powerOfTen(_ k: Int) -> String {
        k == 0 ? "1" : "1e\(k)"
    }

    /// A value in short scientific form for captions, e.g. "2.50e-01".
    public static func scientific(_ x: Double) -> String {
        String(format: "%.2e", x)
    }
}
