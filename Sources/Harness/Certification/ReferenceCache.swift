import Cases
import FileIO
import Foundation
import Linalg
import Reference

/// References on disk, so that a second run of a suite spends no time on them.
///
/// An entry is keyed by the exact bytes of the input matrix, the reference method (MPFR Taylor, or the
/// fast double-double engine) and its working precisions. It stores those bytes again, hi and lo, and the certificate, with a checksum over
/// everything; an entry that is truncated, corrupted (checksum) or for another input (bytes differ)
/// is ignored and recomputed, never used. Writes are atomic (temporary file, then rename), so
/// concurrent runs at worst compute the same reference twice.
///
/// Location: `$EXPM_HARNESS_CACHE` if set, else `$XDG_CACHE_HOME/expm-harness/references`, else
/// `~/.cache/expm-harness/references`.
public struct ReferenceCache: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The documented default location.
    public static var defaultDirectory: URL {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["EXPM_HARNESS_CACHE"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let base = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("expm-harness/references")
    }

    /// Format and algorithm version, part of every entry: bump it whenever the reference computation
    /// changes in a way that changes its results, so that old entries stop matching.
    static let magic = "expm-harness reference v1\n"

    private struct Header: Codable {
        var method: String
        var bits: Int
        var checkBits: Int
        var order: Int
        var certificate: Certificate
        var checksum: UInt64
    }

    /// Whether the reference for `a` and its witnesses' evidence are both stored (they may still turn out
    /// unusable when loaded): then certifying `a` costs a read, not a computation.
    public func contains(_ a: Matrix<Double>, bits: Int, checkBits: Int,
                         method: String = TaylorReference.method) -> Bool {
        FileManager.default.fileExists(atPath: url(a, bits: bits, checkBits: checkBits, method: method).path)
            && FileManager.default.fileExists(atPath: evidenceURL(a, bits: bits, checkBits: checkBits, method: method).path)
    }

    /// The cached reference for `a`, or nil when absent or unusable.
    public func load(_ a: Matrix<Double>, bits: Int, checkBits: Int,
                     method: String = TaylorReference.method) -> ReferenceExp? {
        guard let data = try? Data(contentsOf: url(a, bits: bits, checkBits: checkBits, method: method)),
              let entry = Self.decode(data), entry.header.method == method,
              entry.header.bits == bits, entry.header.checkBits == checkBits,
              entry.header.order == a.rows, entry.matrices.count == 3,
              entry.matrices[0].elements.map(\.bitPattern) == a.elements.map(\.bitPattern)
        else { return nil }
        return ReferenceExp(order: a.rows, hi: entry.matrices[1], lo: entry.matrices[2],
                            certificate: entry.header.certificate)
    }

    /// Stores `r` as the reference for `a`; failures are ignored (the cache is an optimisation).
    public func store(_ r: ReferenceExp, for a: Matrix<Double>, bits: Int, checkBits: Int,
                      method: String = TaylorReference.method) {
        let payload = Self.payload([a, r.hi, r.lo])
        let header = Header(method: method, bits: bits, checkBits: checkBits, order: a.rows,
                            certificate: r.certificate, checksum: fnv1a(payload))
        guard let json = try? JSONEncoder().encode(header) else { return }
        var data = Data(Self.magic.utf8)
        data.append(json)
        data.append(contentsOf: "\n".utf8)
        data.append(payload)
        try? AtomicWrite.write(data, to: url(a, bits: bits, checkBits: checkBits, method: method).path)
    }

    private struct StoredEvidence: Codable {
        var witnesses: String
        var evidence: Evidence
    }

    /// The witnesses' evidence stored beside a reference, if it was made with the same witness set.
    /// (A damaged file fails to decode and is recomputed.)
    public func loadEvidence(_ a: Matrix<Double>, bits: Int, checkBits: Int, witnesses: String,
                             method: String = TaylorReference.method) -> Evidence? {
        guard let data = try? Data(contentsOf: evidenceURL(a, bits: bits, checkBits: checkBits, method: method)),
              let stored = try? JSONDecoder().decode(StoredEvidence.self, from: data),
              stored.witnesses == witnesses
        else { return nil }
        return stored.evidence
    }

    public func storeEvidence(_ e: Evidence, for a: Matrix<Double>, bits: Int, checkBits: Int, witnesses: String,
                              method: String = TaylorReference.method) {
        guard let data = try? JSONEncoder().encode(StoredEvidence(witnesses: witnesses, evidence: e)) else { return }
        try? AtomicWrite.write(data, to: evidenceURL(a, bits: bits, checkBits: checkBits, method: method).path)
    }

    private func evidenceURL(_ a: Matrix<Double>, bits: Int, checkBits: Int, method: String) -> URL {
        url(a, bits: bits, checkBits: checkBits, method: method)
            .deletingPathExtension().appendingPathExtension("evidence.json")
    }

    /// The entry's file: a hash of the input's bytes, the format version, the method and its precisions.
    func url(_ a: Matrix<Double>, bits: Int, checkBits: Int, method: String = TaylorReference.method) -> URL {
        var key = Self.payload([a])
        key.append(contentsOf: "\(Self.magic)|\(method)|\(bits)|\(checkBits)|\(a.rows)".utf8)
        return directory.appendingPathComponent(String(format: "%016llx", fnv1a(key)) + ".ref")
    }

    private static func payload(_ ms: [Matrix<Double>]) -> Data {
        var d = Data()
        for m in ms {
            for x in m.elements { withUnsafeBytes(of: x.bitPattern.littleEndian) { d.append(contentsOf: $0) } }
        }
        return d
    }

    private static func decode(_ data: Data) -> (header: Header, matrices: [Matrix<Double>])? {
        let magic = Data(Self.magic.utf8)
        guard data.starts(with: magic),
              let newline = data[magic.count...].firstIndex(of: UInt8(ascii: "\n")),
              let header = try? JSONDecoder().decode(Header.self, from: data[magic.count..<newline])
        else { return nil }
        let payload = Data(data[(newline + 1)...])
        let n = header.order
        guard n >= 0, n <= CaseSpec.maxOrder * 2, payload.count == 3 * n * n * 8,
              fnv1a(payload) == header.checksum
        else { return nil }
        var values = [Double](repeating: 0, count: 3 * n * n)
        payload.withUnsafeBytes { raw in
            for k in values.indices {
                values[k] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)))
            }
        }
        let matrices = (0..<3).map { j in
            Matrix(rows: n, cols: n, elements: Array(values[(j * n * n)..<((j + 1) * n * n)]))
        }
        return (header, matrices)
    }
}

/// 64-bit FNV-1a.
func fnv1a<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in bytes {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01B3
    }
    return h
}
