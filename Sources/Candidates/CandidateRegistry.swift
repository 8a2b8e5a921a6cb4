/// A set of candidates in report order, each id ("name@precision") once.
///
/// `native` holds the harness's own algorithms. A run may add candidates known only at run time (an
/// implementation outside the process, a user's function) with `register`; selection by name then
/// searches those too.
public struct CandidateRegistry: Sendable {
    public private(set) var all: [any ExpmCandidate]

    /// A registry holding `candidates`; a repeated id is an error.
    public init(_ candidates: [any ExpmCandidate] = []) throws {
        all = []
        for c in candidates { try register(c) }
    }

    /// The object under verification first, then the published algorithms, then the controls
    /// (`eig`, `taylor-naive`), which are expected to fail where theory says.
    public static let nativeCandidates: [any ExpmCandidate] = [
        MLXProposalT8<Float>(),
        MLXProposalT8<Double>(),
        Pade13Higham05<Float>(),
        Pade13Higham05<Double>(),
        Pade13AlMohy09<Float>(),
        Pade13AlMohy09<Double>(),
        TaylorBBC18<Float>(),
        TaylorBBC18<Double>(),
        TaylorBBC18Fixed<Float>(),
        TaylorBBC18Fixed<Double>(),
        TaylorSastre<Float>(),
        TaylorSastre<Double>(),
        EigExpm<Float>(),
        EigExpm<Double>(),
        TaylorNaive<Float>(),
        TaylorNaive<Double>(),
    ]

    /// The harness's own candidates (ids are distinct by construction; a test checks it).
    public static var native: CandidateRegistry { CandidateRegistry(unchecked: nativeCandidates) }

    private init(unchecked candidates: [any ExpmCandidate]) { all = candidates }

    /// Adds a candidate after those present. Throws when its id is taken.
    public mutating func register(_ c: any ExpmCandidate) throws {
        guard !all.contains(where: { $0.id == c.id }) else { throw RegistryError.duplicate(c.id) }
        all.append(c)
    }

    /// The distinct names, in order of first appearance.
    public var names: [String] {
        var seen = [String]()
        for c in all where !seen.contains(c.name) { seen.append(c.name) }
        return seen
    }

    /// Candidates whose name or id is `item` (a bare name selects every precision).
    public func matching(_ item: String) -> [any ExpmCandidate] {
        all.filter { $0.name == item || $0.id == item }
    }
}

/// Why a candidate cannot be registered.
public enum RegistryError: Error, Equatable, CustomStringConvertible {
    case duplicate(String)

    public var description: String {
        switch self {
        case .duplicate(let id): return "a candidate with id '\(id)' is already registered"
        }
    }
}
