import Foundation

/// The lines of a text file with their 1-based numbers (LF or CRLF endings), split into
/// whitespace-separated fields on demand.
struct Lines {
    private let bytes: [UInt8]
    private var position = 0
    /// Number of the line most recently returned (0 before the first).
    private(set) var lastLine = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    /// The next line as text, or nil at the end of the file.
    mutating func next() -> (number: Int, text: String)? {
        guard position < bytes.count else { return nil }
        var end = position
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        var stop = end
        if stop > position && bytes[stop - 1] == 0x0D { stop -= 1 }
        let text = String(decoding: bytes[position..<stop], as: UTF8.self)
        position = end + 1
        lastLine += 1
        return (lastLine, text)
    }

    /// The fields of the next line that is neither blank nor a comment (`%…`), or nil at the end.
    mutating func nextData() -> (number: Int, words: [Substring])? {
        while let (number, text) = next() {
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.isEmpty || words[0].hasPrefix("%") { continue }
            return (number, words)
        }
        return nil
    }
}

/// Parsing of the numbers in text files.
enum Number {
    static func int(_ word: Substring, fail: (MatrixFileError.Kind) -> MatrixFileError) throws -> Int {
        guard let v = Int(word) else {
            let digits = word.drop { $0 == "+" || $0 == "-" }
            if !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw fail(.badEntry("\(word) is beyond the integers this reader holds (±\(Int.max))"))
            }
            throw fail(.badNumber(String(word)))
        }
        return v
    }

    /// A finite Double; NaN, ±Inf and decimals beyond Double's range are refused unless
    /// `asResult` (then a decimal beyond the range reads as ±Inf, as it rounds).
    static func double(_ word: Substring, asResult: Bool = false,
                       fail: (MatrixFileError.Kind) -> MatrixFileError) throws -> Double {
        // Swift also reads hexadecimal ("0x10", "0x1p3"); Matrix Market numbers are decimal.
        guard !word.drop(while: { $0 == "+" || $0 == "-" }).lowercased().hasPrefix("0x") else {
            throw fail(.badEntry("'\(word)' is hexadecimal; Matrix Market numbers are decimal (e.g. 16, 1.5e-3)"))
        }
        guard let v = Double(word) else { throw fail(.badNumber(String(word))) }
        guard v.isFinite || asResult else { throw fail(.nonFinite(String(word))) }
        return v
    }

    /// An integer that a Double holds exactly (|v| ≤ 2^53).
    static func exactInteger(_ word: Substring, fail: (MatrixFileError.Kind) -> MatrixFileError) throws -> Double {
        guard let v = Int(word) else { throw fail(.badNumber(String(word))) }
        guard v.magnitude <= 1 << 53 else {
            throw fail(.badEntry("integer \(word) is beyond 2^53, which a Double cannot hold exactly"))
        }
        return Double(v)
    }
}
