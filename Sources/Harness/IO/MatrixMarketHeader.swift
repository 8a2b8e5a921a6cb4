/// The banner of a Matrix Market file: `%%MatrixMarket matrix <format> <field> <symmetry>`
/// (keywords case-insensitive, as the format's specification allows).
struct MatrixMarketHeader: Equatable {
    enum Format: String { case array, coordinate }
    enum Field: String { case real, complex, integer }
    enum Symmetry: String {
        case general, symmetric, hermitian
        case skewSymmetric = "skew-symmetric"
    }

    var format: Format
    var field: Field
    var symmetry: Symmetry

    static let banner = "%%MatrixMarket"

    /// Parses the first line; `fail` builds the error for that line.
    init(line: String, fail: (MatrixFileError.Kind) -> MatrixFileError) throws {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        guard words.first == Self.banner.lowercased() else {
            throw fail(.badHeader("the first line must start with '\(Self.banner)'"))
        }
        guard words.count == 5, words[1] == "matrix" else {
            throw fail(.badHeader("expected '\(Self.banner) matrix <array|coordinate> <real|complex|integer> <general|symmetric|skew-symmetric|hermitian>'"))
        }
        guard let format = Format(rawValue: words[2]) else {
            throw fail(.unsupported("format '\(words[2])' is not supported (array or coordinate)"))
        }
        guard let field = Field(rawValue: words[3]) else {
            throw fail(.unsupported("field '\(words[3])' is not supported (real, complex or integer)"))
        }
        guard let symmetry = Symmetry(rawValue: words[4]) else {
            throw fail(.unsupported("symmetry '\(words[4])' is not supported (general, symmetric, skew-symmetric, hermitian)"))
        }
        if symmetry == .hermitian && field != .complex {
            throw fail(.unsupported("hermitian needs the complex field, got '\(field.rawValue)'"))
        }
        self.format = format
        self.field = field
        self.symmetry = symmetry
    }

    /// Numbers per entry: 2 for complex, 1 otherwise.
    var valuesPerEntry: Int { field == .complex ? 2 : 1 }

    /// How many entries the symmetry lets a file store for an n×n matrix.
    func storedSlots(_ n: Int) -> Int {
        switch symmetry {
        case .general: return n * n
        case .symmetric, .hermitian: return n * (n + 1) / 2
        case .skewSymmetric: return n * (n - 1) / 2
        }
    }

    /// True when (i, j) (0-based) is a position the file may store.
    func isStored(_ i: Int, _ j: Int) -> Bool {
        switch symmetry {
        case .general: return true
        case .symmetric, .hermitian: return i >= j
        case .skewSymmetric: return i > j
        }
    }

    /// The entry mirrored to (j, i) for a value (re, im) stored at (i, j), i ≠ j.
    func mirrored(_ re: Double, _ im: Double) -> (Double, Double) {
        switch symmetry {
        case .general, .symmetric: return (re, im)
        case .hermitian: return (re, -im)
        case .skewSymmetric: return (-re, -im)
        }
    }
}
