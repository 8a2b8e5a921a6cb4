import Foundation

/// Counts matrix products, linear solves and eigendecompositions made through `Matrix` and
/// `ComplexMatrix` on the current thread.
///
/// Counting happens at the BLAS/LAPACK wrapper, so an algorithm's cost is observed rather than
/// stated. Counts are per thread so that parallel work elsewhere cannot pollute a measurement.
public enum OperationCounter {
    /// Products, solves (real or complex) and eigendecompositions seen so far.
    public struct Counts: Equatable, Sendable, Codable {
        public var products: Int = 0
        public var solves: Int = 0
        /// LAPACK geev calls. Absent from JSON written before it existed; decodes as 0 then.
        public var eigendecompositions: Int = 0
        public init(products: Int = 0, solves: Int = 0, eigendecompositions: Int = 0) {
            self.products = products
            self.solves = solves
            self.eigendecompositions = eigendecompositions
        }

        private enum CodingKeys: String, CodingKey { case products, solves, eigendecompositions }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            products = try c.decode(Int.self, forKey: .products)
            solves = try c.decode(Int.self, forKey: .solves)
            eigendecompositions = try c.decodeIfPresent(Int.self, forKey: .eigendecompositions) ?? 0
        }
    }

    private final class Box {
        var counts = Counts()
        /// Σ m·n·k over the products.
        var multiplyAdds = 0.0
    }
    private static let key = "expm-harness.OperationCounter"

    private static var box: Box {
        let dict = Thread.current.threadDictionary
        if let b = dict[key] as? Box { return b }
        let b = Box()
        dict[key] = b
        return b
    }

    @usableFromInline static func recordProduct(_ m: Int, _ n: Int, _ k: Int) {
        let b = box
        b.counts.products += 1
        b.multiplyAdds += Double(m) * Double(n) * Double(k)
    }
    @usableFromInline static func recordSolve() { box.counts.solves += 1 }
    @usableFromInline static func recordEigendecomposition() { box.counts.eigendecompositions += 1 }

    /// Runs `body` and returns its result with the operations it made on this thread.
    public static func counting<R>(_ body: () throws -> R) rethrows -> (R, Counts) {
        let b = box
        let before = b.counts
        let r = try body()
        let after = b.counts
        return (r, Counts(
            products: after.products - before.products, solves: after.solves - before.solves,
            eigendecompositions: after.eigendecompositions - before.eigendecompositions))
    }

    /// Like `counting`, and also the products' work in units of one n×n·n×n product (Σ m·n·k / n³),
    /// so that thin products (an n×n times n×2 block, as in a norm estimator) weigh what they cost
    /// rather than a full product each.
    public static func measuring<R>(order n: Int, _ body: () throws -> R) rethrows
        -> (result: R, counts: Counts, productEquivalents: Double)
    {
        let b = box
        let before = b.multiplyAdds
        let (r, counts) = try counting(body)
        let work = b.multiplyAdds - before
        return (r, counts, n > 0 ? work / (Double(n) * Double(n) * Double(n)) : 0)
    }
}
