/// The header dictionary of a `.npy` file, e.g. `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 3), }`,
/// parsed with a small reader for exactly the Python literals it may hold (strings, booleans,
/// tuples of integers).
struct NumPyHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// The header text for `dtype`, order and shape (without padding).
    static func text(descr: String, fortranOrder: Bool, shape: [Int]) -> String {
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        return "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': (\(dims)), }"
    }

    /// Parses the dictionary; the error message says what is wrong.
    init(_ text: String) throws(HeaderError) {
        var p = Parser(Array(text.unicodeScalars))
        var values = [String: Value]()
        try p.expect("{")
        while !p.consume("}") {
            let key = try p.string()
            try p.expect(":")
            values[key] = try p.value()
            if !p.consume(",") { try p.expect("}"); break }
        }
        // NumPy pads the header with spaces and ends it with a newline; nothing else may follow the brace.
        let rest = String(String.UnicodeScalarView(p.s[p.i...]))
        guard rest.allSatisfy({ $0 == " " || $0 == "\n" }) else {
            throw HeaderError("text after the header dictionary's closing brace: '\(rest.trimmingCharacters(in: .whitespacesAndNewlines).prefix(40))'")
        }
        guard case .string(let d)? = values["descr"] else { throw HeaderError("the header has no 'descr' string") }
        guard case .bool(let f)? = values["fortran_order"] else { throw HeaderError("the header has no 'fortran_order' boolean") }
        guard case .tuple(let s)? = values["shape"] else { throw HeaderError("the header has no 'shape' tuple") }
        descr = d
        fortranOrder = f
        shape = s
    }

    struct HeaderError: Error { let message: String; init(_ m: String) { message = m } }

    private enum Value { case string(String), bool(Bool), tuple([Int]) }

    private struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        mutating func skipSpace() { while i < s.count && (s[i] == " " || s[i] == "\n" || s[i] == "\t") { i += 1 } }

        mutating func consume(_ c: Unicode.Scalar) -> Bool {
            skipSpace()
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }

        mutating func expect(_ c: Unicode.Scalar) throws(HeaderError) {
            guard consume(c) else { throw HeaderError("malformed header dictionary: expected '\(c)' at character \(i), found \(found)") }
        }

        /// The character at the current position, quoted, or "the end of the header".
        var found: String { i < s.count ? "'\(s[i].escaped(asASCII: true))'" : "the end of the header" }

        mutating func string() throws(HeaderError) -> String {
            skipSpace()
            guard i < s.count, s[i] == "'" || s[i] == "\"" else { throw HeaderError("malformed header dictionary: expected a string at character \(i)") }
            let quote = s[i]
            let start = i + 1
            i = start
            while i < s.count && s[i] != quote { i += 1 }
            guard i < s.count else { throw HeaderError("malformed header dictionary: unterminated string") }
            i += 1
            return String(String.UnicodeScalarView(s[start..<(i - 1)]))
        }

        mutating func word() -> String {
            skipSpace()
            let start = i
            while i < s.count && (s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "-") { i += 1 }
            return String(String.UnicodeScalarView(s[start..<i]))
        }

        mutating func value() throws(HeaderError) -> Value {
            skipSpace()
            guard i < s.count else { throw HeaderError("malformed header dictionary: it ends early") }
            if s[i] == "'" || s[i] == "\"" { return .string(try string()) }
            if consume("(") {
                var dims = [Int]()
                while !consume(")") {
                    let w = word()
                    guard let d = Int(w) else {
                        throw HeaderError("malformed shape: \(w.isEmpty ? found : "'\(w)'") is not a dimension (a non-negative integer)")
                    }
                    dims.append(d)
                    if !consume(",") { try expect(")"); break }
                }
                return .tuple(dims)
            }
            let start = i
            switch word() {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case let w:
                i = start
                throw HeaderError("malformed header dictionary: a value must be a quoted string, True, False or a tuple of integers; "
                    + "found \(w.isEmpty ? found : "'\(w)'") at character \(start)")
            }
        }
    }
}
