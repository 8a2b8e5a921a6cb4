import Dispatch
import Foundation
import Linalg
import Reference
import Testing

@Suite("Thread safety of TaylorReference.compute")
struct ConcurrencyTests {
    /// Collects results written from several threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: ReferenceExp] = [:]
        func set(_ i: Int, _ r: ReferenceExp) { lock.withLock { values[i] = r } }
        func get(_ i: Int) -> ReferenceExp? { lock.withLock { values[i] } }
    }

    static func bitwiseEqual(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Bool {
        x.rows == y.rows && zip(x.elements, y.elements).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    @Test("MPFR is built thread-safe (per-thread caches and flags)")
    func mpfrThreadSafe() {
        #expect(TaylorReference.isThreadSafe)
    }

    @Test("Concurrent references equal the sequential ones bit for bit")
    func concurrentEqualsSequential() {
        var g = SplitMix64(seed: 31)
        // Different sizes, norms and structures, so the threads run different plans.
        let inputs: [Matrix<Double>] = [
            g.gaussianMatrix(10), g.gaussianMatrix(7, scale: 5), g.gaussianMatrix(12, scale: 0.01),
            Matrix(order: 9) { i, j in j > i ? Double(i + j) : 0 },
            Matrix(rows: 2, cols: 2, elements: [0, 100, -100, 0]), g.gaussianMatrix(1, scale: 20),
            g.gaussianMatrix(8), g.gaussianMatrix(11, scale: 3),
        ]
        let sequential = inputs.map { TaylorReference.compute($0) }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
            results.set(i, TaylorReference.compute(inputs[i]))
        }
        for i in inputs.indices {
            guard let r = results.get(i) else {
                Issue.record("missing result \(i)")
                continue
            }
            let s = sequential[i]
            #expect(Self.bitwiseEqual(r.hi, s.hi) && Self.bitwiseEqual(r.lo, s.lo))
            var c = r.certificate, d = s.certificate
            c.seconds = 0
            d.seconds = 0
            #expect(c == d)
        }
    }
}
