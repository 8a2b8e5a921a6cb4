import Candidates
@testable import Cases
@testable import Certification
import Foundation
import Linalg
@testable import Measurement
import Reference
import Testing


func temporaryCache() -> ReferenceCache {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("expm-cache-test-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
    return ReferenceCache(directory: dir)
}

@Suite("Reference cache")
struct ReferenceCacheTests {
    let a = CaseSpec(id: "randn-s1.0-n4-seed1")!.matrix()

    @Test("an entry round-trips bit for bit, certificate included")
    func roundTrip() throws {
        let cache = temporaryCache()
        let r = TaylorReference.compute(a)
        cache.store(r, for: a, bits: 256, checkBits: 192)
        let back = try #require(cache.load(a, bits: 256, checkBits: 192))
        #expect(back.hi.elements.map(\.bitPattern) == r.hi.elements.map(\.bitPattern))
        #expect(back.lo.elements.map(\.bitPattern) == r.lo.elements.map(\.bitPattern))
        #expect(back.certificate == r.certificate)
        // Other precisions or another matrix are other keys.
        #expect(cache.load(a, bits: 320, checkBits: 192) == nil)
        #expect(cache.load(2 * a, bits: 256, checkBits: 192) == nil)
        try? FileManager.default.removeItem(at: cache.directory)
    }

    /// Shards on one machine (or a shared file system) share the cache: writes go to a temporary file
    /// renamed over the entry, so a reader sees the old entry, the new one, or none, never a torn one.
    @Test("concurrent writers and readers of one entry never see a torn entry")
    func concurrentWriters() throws {
        let cache = temporaryCache()
        let b = CaseSpec(id: "randn-s1.0-n64-seed1")!.matrix()
        let r = ReferenceExp(order: 64, hi: b, lo: 1e-17 * b, certificate: TaylorReference.compute(a).certificate)
        let wrong = Locked(0), found = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 16) { k in
            for _ in 0..<10 {
                if k % 2 == 0 { cache.store(r, for: b, bits: 256, checkBits: 192); continue }
                guard let back = cache.load(b, bits: 256, checkBits: 192) else { continue }
                found.withLock { $0 += 1 }
                if back.hi != r.hi || back.lo != r.lo { wrong.withLock { $0 += 1 } }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
        #expect(cache.load(b, bits: 256, checkBits: 192)?.hi == r.hi)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache.directory.path).filter { !$0.hasSuffix(".ref") }
        #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
        try? FileManager.default.removeItem(at: cache.directory)
    }

    @Test("a corrupted, truncated or mismatching entry is never used")
    func damaged() throws {
        let cache = temporaryCache()
        let r = TaylorReference.compute(a)
        cache.store(r, for: a, bits: 256, checkBits: 192)
        let url = cache.url(a, bits: 256, checkBits: 192)
        let good = try Data(contentsOf: url)
        var flipped = good
        flipped[flipped.count - 9] ^= 0x01  // one bit of a stored lo entry
        try flipped.write(to: url)
        #expect(cache.load(a, bits: 256, checkBits: 192) == nil)
        try good.prefix(good.count - 8).write(to: url)
        #expect(cache.load(a, bits: 256, checkBits: 192) == nil)
        // An intact entry for another matrix, placed under this matrix's key.
        let b = CaseSpec(id: "randn-s1.0-n4-seed2")!.matrix()
        cache.store(TaylorReference.compute(b), for: b, bits: 256, checkBits: 192)
        try Data(contentsOf: cache.url(b, bits: 256, checkBits: 192)).write(to: url)
        #expect(cache.load(a, bits: 256, checkBits: 192) == nil)
        try? FileManager.default.removeItem(at: cache.directory)
    }

    @Test("a second run reads every reference from the cache and gets the same results")
    func secondRun() {
        var config = quickConfig(["randn-s1.0-n4-seed1", "nilpotent-shift-n3"], [Pade13Higham05<Double>()])
        config.certifier.cache = temporaryCache()
        let first = Runner(config: config).run()
        let second = Runner(config: config).run()
        #expect(first.cases.allSatisfy { !$0.reference.cached })
        #expect(second.cases.allSatisfy { $0.reference.cached })
        #expect(first.cases.map { $0.results[0].errors } == second.cases.map { $0.results[0].errors })
        #expect(first.cases.map(\.reference.evidence) == second.cases.map(\.reference.evidence))
        try? FileManager.default.removeItem(at: config.certifier.cache!.directory)
    }
}

/// A value shared between threads of a test.
final class Locked<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func withLock<R>(_ body: (inout T) -> R) -> R { lock.withLock { body(&value) } }
}
