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

    /// `--external NAME=COMMAND` values: names of letters, digits, '.', '_' and '-', distinct and not a
    /// native candidate's; a command that is not empty.
    static func externals(_ values: [String]) throws -> [(name: String, command: String)] {
        var seen = Set<String>()
        return try values.map { value in
            let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw ValidationError("--external expects NAME=COMMAND, got '\(value)'")
            }
            let name = String(parts[0]), command = parts[1].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
                throw ValidationError("--external: the name '\(name)' must be letters, digits, '.', '_' or '-'")
            }
            guard !command.isEmpty else { throw ValidationError("--external \(name): the command is empty") }
            guard !CandidateRegistry.native.names.contains(name), seen.insert(name).inserted else {
                throw ValidationError("--external: the name '\(name)' is already taken")
            }
            return (name, command)
        }
    }

    /// The adapters shipped in scripts/workers, by backend name.
    static let shippedAdapters = ["scipy", "torch", "jax", "mlx"]

    /// `--adapters a,b` as external workers: each backend of scripts/workers/expm_worker.py run by the
    /// Python of .venv-adapters (both relative to the working directory, the project's root).
    static func adapters(_ list: String?) throws -> [(name: String, command: String)] {
        guard let list else { return [] }
        let python = ".venv-adapters/bin/python"
        let names = try items(list, what: "--adapters")
        for name in names where !shippedAdapters.contains(name) {
            throw ValidationError("--adapters: unknown adapter '\(name)'; known: \(shippedAdapters.joined(separator: ", "))")
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ValidationError("--adapters: \(python) is missing; create it with scripts/setup --adapters \(list)")
        }
        return names.map { ($0, "\(python) scripts/workers/expm_worker.py --backend \($0)") }
    }

    /// `--compare A:B` values as pairs of candidate names.
    static func pairs(_ values: [String]) throws -> [(String, String)] {
        try values.map { value in
            let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[0] != parts[1] else {
                throw ValidationError("--compare expects two different candidate names as A:B, got '\(value)'")
            }
            return (parts[0], parts[1])
        }
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
                if !item.isEmpty && item.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    throw ValidationError("--sizes: \(item) is larger than the supported maximum \(CaseSpec.maxOrder)")
                }
                throw ValidationError("--sizes: '\(item)' is not a non-negative integer")
            }
            guard n <= CaseSpec.maxOrder else {
                throw ValidationError("--sizes: \(n) is larger than the supported maximum \(CaseSpec.maxOrder)")
            }
            return n
        }
    }

    /// The one value of an option that must be given exactly once. (A plain option keeps its last value
    /// silently; these are declared repeatable so that a repetition can be refused.)
    static func single(_ values: [String], option: String) throws -> String {
        guard values.count == 1 else {
            throw ValidationError(values.isEmpty ? "\(option) is required"
                : "\(option) is given \(values.count) times (\(values.map { "'\($0)'" }.joined(separator: ", "))); give it once")
        }
        return values[0]
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
