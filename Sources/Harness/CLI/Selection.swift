import ArgumentParser
import Candidates
import Cases
import Foundation
import Linalg

extension Suite: ExpressibleByArgument {}
extension Family: ExpressibleByArgument {}

/// Parsing and validation of the comma-separated selections given on the command line.
enum Selection {
    /// Candidates of `registry` named as `name` (every precision) or `name@precision`.
    static func candidates(_ list: String?, from registry: CandidateRegistry) throws -> [any ExpmCandidate] {
        guard let list else { return registry.all }
        var chosen = [any ExpmCandidate]()
        for item in try items(list, what: "--candidates") {
            let matches = registry.matching(item)
            guard !matches.isEmpty else {
                throw ValidationError("unknown candidate '\(item)'; known: "
                    + registry.all.map(\.id).joined(separator: ", ")
                    + " (a bare name selects every precision)")
            }
            for m in matches where !chosen.contains(where: { $0.id == m.id }) { chosen.append(m) }
        }
        return chosen
    }

    static func families(_ list: String?) throws -> [Family] {
        guard let list else { return Family.allCases }
        return try items(list, what: "--families").map { item in
            guard let f = Family(rawValue: item) else {
                throw ValidationError("unknown family '\(item)'; known: "
                    + Family.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return f
        }
    }

    static func sizes(_ list: String?, default suite: Suite) throws -> [Int] {
        guard let list else { return suite.sizes }
        return try items(list, what: "--sizes").map { item in
            guard let n = Int(item), n >= 0 else {
                throw ValidationError("--sizes: '\(item)' is not a non-negative integer")
            }
            guard n <= CaseSpec.maxOrder else {
                throw ValidationError("--sizes: \(n) is larger than the supported maximum \(CaseSpec.maxOrder)")
            }
            return n
        }
    }

    static func threads(_ t: Int?) throws -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard let t else { return cores }
        guard (1...256).contains(t) else { throw ValidationError("--threads must be between 1 and 256, got \(t)") }
        return t
    }

    private static func items(_ list: String, what: String) throws -> [String] {
        let items = list.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
            throw ValidationError("\(what) expects a comma-separated list without empty items, got '\(list)'")
        }
        return items
    }
}
