import Dispatch
import Foundation
import Linalg

/// The product of two double-double matrices through Double gemm, by error-free splitting.
///
/// Method: K. Ozaki, T. Ogita, S. Oishi, S. M. Rump, "Error-free transformations of matrix
/// multiplication by using fast routines of matrix multiplication and its applications",
/// Numer. Algorithms 59(1):95–118, 2012 (the splitting, and its use with BLAS); written here from
/// that description, with the refinements below.
///
/// ## Splitting
/// Rows of A (columns of B) are scaled by 2^-e so their largest |hi| is ≤ 1 (exact). Each operand,
/// hi and lo together, is then split into k slices S_1, …, S_k plus a remainder: for slice r, let
/// 2^t ≥ the largest |hi| of the current remainder in the row; with σ = 0.75·2^(t+53−β),
/// S_r = fl(fl(h + σ) − σ) is h rounded to a multiple of 2^(t−β), so |S_r| ≤ 2^t = 2^β units, and the
/// remainder (h − S_r) + lo is renormalised by TwoSum (exact). Every slice after the first is
/// ≥ β bits below the previous one (usually β + 1, as rounding halves the remainder).
/// With 2β + ⌈log2 b⌉ ≤ 53, a slice product over an inner block of length b is a sum of b integers
/// of at most 2^(2β) units of one common unit, so gemm computes it exactly in any order.
///
/// ## Product
/// From A = Σ_{r≤k} S_r + R_A^(k) and B = Σ_{s≤j} T_s + R_B^(j) for every j,
///
///     A·B = Σ_{r+s≤k+1} S_r·T_s  +  [ Σ_{r≤k} S_r·R_B^(k+1−r)  +  R_A^(k)·B ]   (an identity).
///
/// The k(k+1)/2 products of the first sum are exact (one gemm per inner block) and are added into
/// a double-double accumulator, smallest level r+s first (TwoSum, then renormalisation). The k+1
/// products in brackets (the tail) are each ≤ n·2^(−kβ) in the scaled frame, so they need no exactness: they
/// are computed in plain floating point with the remainders rounded to Double, and accumulated by
/// gemm itself (beta = 1). For 2^-104 this needs k = 3 (10 gemm-equivalents); truncating
/// instead (exact products with r + s ≤ k' + 1 only, nothing for the rest) needs k' ≈ 106/β + 1
/// slices and k'(k'+1)/2 gemm: 15 to 21 for n ≤ 1024.
///
/// ## Accuracy (per entry, with 2^{e_i} ≥ max_l|a_il| and 2^{f_j} ≥ max_l|b_lj| as chosen here)
///
///     |Ĉ_ij − (AB)_ij| ≤ τ·n·2^{e_i+f_j} + 2^-105·N·((|A|·|B|)_ij + 2^(2−β)·n·2^{e_i+f_j})
///
/// to first order. τ = `Plan.tailBound` = (k+1)·2^(−kβ)·(γ_{(k+1)n} + 2^-52) covers the tail:
/// its (k+1)·n terms sum to at most (k+1)·n·2^(−kβ) and gemm rounds them with γ_m = m·2^-53/(1 −
/// m·2^-53); rounding the remainders (and B) to Double drops at most 2^-52 of that. The second
/// term is the double-double accumulation: each of the N = k(k+1)/2·blocks steps errs by at most
/// 2^-105 of the partial sum, and every partial sum is at most Σ|S_r||T_s| ≤ |A||B| plus the
/// slices' rounding (the 2^(2−β) term). Plans are chosen with τ ≤ 2^-104. For dense matrices with
/// entries of comparable size n·2^{e_i+f_j} is within a modest factor (≈ 2^5 for Gaussian
/// entries) of (|A|·|B|)_ij, so the product is good to a few units of 2^-104 relative to |A|·|B|,
/// and typically far better (the tail's rounding errors are random, ≈ √n·2^-53 rather than n·2^-53,
/// and few accumulation steps see large partial sums).
///
/// Range: full accuracy while operands and results stay in Double's normal range with normal lo
/// parts (magnitudes above ≈ 2^-969); below that, precision degrades as subnormal numbers do.
/// Non-finite entries give NaN/Inf with no guarantee.
public enum OzakiProduct {
    /// How a product is split: slice width β, number of slices k, inner block size.
    public struct Plan: Equatable, Sendable, CustomStringConvertible {
        /// β: bits per slice (2β + ⌈log2 blockSize⌉ ≤ 53).
        public var sliceBits: Int
        /// k: slices per operand.
        public var slices: Int
        /// Length of the inner blocks each exact slice product is split into.
        public var blockSize: Int
        /// The inner dimension n.
        public var innerDimension: Int

        /// Inner blocks: ⌈n / blockSize⌉.
        public var blocks: Int { innerDimension == 0 ? 0 : (innerDimension + blockSize - 1) / blockSize }
        /// k(k+1)/2 exact slice products, each split into `blocks` gemm calls.
        public var exactProducts: Int { slices * (slices + 1) / 2 }
        /// k + 1 floating-point tail products over the full inner dimension.
        public var tailProducts: Int { slices + 1 }
        /// Work in units of one full gemm of the same shape: exact products plus tail (less when
        /// some slices vanish). The exact products are split into `blocks` calls each, and into
        /// column panels for large results (see `multiply`).
        public var gemmEquivalents: Int { exactProducts + tailProducts }

        /// τ: the tail's error bound relative to n·2^{e_i+f_j} (see `OzakiProduct`).
        public var tailBound: Double {
            Self.tailBound(slices: slices, sliceBits: sliceBits, innerDimension: innerDimension)
        }

        public var description: String {
            "β=\(sliceBits) k=\(slices) block=\(blockSize)/\(innerDimension): \(gemmEquivalents) gemm-equivalents"
        }

        /// An explicit plan; `sliceBits` must satisfy 2β + ⌈log2 blockSize⌉ ≤ 53.
        public init(sliceBits: Int, slices: Int, blockSize: Int, innerDimension: Int) {
            precondition(slices >= 1 && blockSize >= 1 && innerDimension >= 0, "invalid plan")
            precondition(2 * sliceBits + ceilLog2(blockSize) <= 53 && sliceBits >= 1,
                         "slice products would not be exact")
            self.sliceBits = sliceBits
            self.slices = slices
            self.blockSize = blockSize
            self.innerDimension = innerDimension
        }

        /// The cheapest plan with τ ≤ 2^-104 for inner dimension n.
        ///
        /// Candidates: inner blocks of n, n/2, n/4, … (smaller blocks allow wider slices), each
        /// with the fewest slices meeting the bound. Cost, in units of n² gemm multiply-adds:
        /// gemmEquivalents·n + passWeight·(accumulation steps per entry), see `passWeight`.
        /// This gives k = 3 for every n up to 4096 at least: one block for n ≤ 512, blocks of at most
        /// 512 (β = 22) up to n ≈ 1500, blocks of 128 (β = 23) beyond. At n = 1024, unblocked
        /// β = 21 would need k = 4, i.e. 15 instead of 10 gemm-equivalents.
        public static func choose(innerDimension n: Int) -> Plan {
            let m = max(n, 1)
            var best: (cost: Double, plan: Plan)?
            var blockSize = m
            while true {
                let beta = min(26, (53 - ceilLog2(blockSize)) / 2)
                for k in 1...12 where tailBound(slices: k, sliceBits: beta, innerDimension: m) <= 0x1p-104 {
                    let plan = Plan(sliceBits: beta, slices: k, blockSize: blockSize, innerDimension: n)
                    let cost = Double(plan.gemmEquivalents) * Double(m)
                        + passWeight * Double(plan.exactProducts * max(plan.blocks, 1) + 1)
                    if best == nil || cost < best!.cost { best = (cost, plan) }
                    break
                }
                if blockSize <= 16 || beta == 26 { break }
                blockSize = (blockSize + 1) / 2
            }
            return best!.plan
        }

        /// One double-double accumulation step per entry against one gemm multiply-add, measured
        /// on this machine (OpenBLAS, 2 threads, n = 1024): ≈ 1.2 ns against ≈ 0.022 ns.
        static let passWeight = 50.0

        /// (k+1)·2^(−kβ)·(γ_{(k+1)n} + 2^-52).
        static func tailBound(slices k: Int, sliceBits beta: Int, innerDimension n: Int) -> Double {
            let u = 0x1p-53, terms = Double((k + 1) * max(n, 1))
            let gamma = terms * u / (1 - terms * u)
            return Double(k + 1) * Foundation.exp2(-Double(k * beta)) * (gamma + 2 * u)
        }
    }

    /// gemm calls made and their multiply-adds (Σ m·n·k).
    public struct Statistics: Equatable, Sendable {
        public var gemmCalls = 0
        public var multiplyAdds = 0.0
        public init() {}
    }

    /// Scratch memory for products, reused from one product to the next: fresh buffers of this
    /// size cost a page fault per 4 KB on first touch, which measured as much as the slicing
    /// itself. Holds (2k + 2)·(|A| + |B|) Doubles plus a panel of at most 64 MB (≈ 190 MB for
    /// n = 1024). One product at a time: a workspace must not be shared between concurrent calls.
    public final class Workspace {
        fileprivate var buffers: [UnsafeMutableBufferPointer<Double>] = []

        public init() {}

        deinit { for b in buffers { b.deallocate() } }

        /// Buffer number `index`, with room for at least `count` Doubles (contents undefined).
        fileprivate func buffer(_ index: Int, count: Int) -> UnsafeMutableBufferPointer<Double> {
            while buffers.count <= index { buffers.append(.allocate(capacity: 0)) }
            if buffers[index].count < max(count, 1) {
                buffers[index].deallocate()
                buffers[index] = .allocate(capacity: max(count, 1))
            }
            return buffers[index]
        }
    }

    /// A·B in double-double (accuracy: see `OzakiProduct`), with the plan of `Plan.choose`.
    public static func multiply(_ a: DDMatrix, _ b: DDMatrix) -> DDMatrix {
        var statistics = Statistics()
        return multiply(a, b, plan: nil, workspace: Workspace(), statistics: &statistics)
    }

    /// A·B in double-double with an explicit plan (default: `Plan.choose`) and scratch space,
    /// adding the gemm calls made to `statistics`.
    ///
    /// The exact products are formed panel by panel (a few columns of the result at a time, all
    /// slice pairs), and one fused pass adds up a panel's products while they are fresh.
    public static func multiply(
        _ a: DDMatrix, _ b: DDMatrix, plan: Plan?, workspace: Workspace, statistics: inout Statistics
    ) -> DDMatrix {
        precondition(a.cols == b.rows, "shape mismatch in product: \(a.rows)×\(a.cols) · \(b.rows)×\(b.cols)")
        let m = a.rows, p = a.cols, q = b.cols
        if m == 0 || q == 0 || p == 0 { return DDMatrix(rows: m, cols: q) }
        let plan = plan ?? Plan.choose(innerDimension: p)
        precondition(plan.innerDimension == p, "plan made for another inner dimension")
        let k = plan.slices
        let storageA = workspace.buffer(0, count: (2 * k + 2) * m * p)
        let storageB = workspace.buffer(1, count: (2 * k + 2) * p * q)
        let (sa, sb) = SlicedOperand.pair(a, b, storage: (storageA, storageB), slices: k, sliceBits: plan.sliceBits)

        var gemm = Gemm(m: m, p: p, statistics: statistics)
        // Tail: Σ_r S_r·R_B^(k+1−r) + R_A^(k)·B_hi, accumulated by gemm into `hi`.
        var hi = [Double](repeating: 0, count: m * q)
        hi.withUnsafeMutableBufferPointer { c in
            for r in 1...k where sa.nonzero[r - 1] && sb.remainderNonzero[k - r] {
                gemm.run(sa.slice(r), sb.remainder(k + 1 - r), block: 0..<p, columns: 0..<q, into: c, accumulate: true)
            }
            if sa.remainderNonzero[k - 1] {
                gemm.run(sa.remainder(k), sb.scaledHi, block: 0..<p, columns: 0..<q, into: c, accumulate: true)
            }
        }
        // Exact products, smallest level r + s first: (slice of A, slice of B, inner block).
        var pairs: [(Int, Int, Range<Int>)] = []
        for level in stride(from: k + 1, through: 2, by: -1) {
            for r in max(1, level - k)...min(k, level - 1) where sa.nonzero[r - 1] && sb.nonzero[level - r - 1] {
                for start in stride(from: 0, to: p, by: plan.blockSize) {
                    pairs.append((r, level - r, start..<min(p, start + plan.blockSize)))
                }
            }
        }
        var lo = [Double](repeating: 0, count: m * q)
        let width = min(q, max(8, (1 << 23) / max(1, m * pairs.count)))  // 2^23 Doubles = 64 MB
        let panel = workspace.buffer(2, count: pairs.count * m * width)
        for first in stride(from: 0, to: q, by: width) {
            let columns = first..<min(q, first + width)
            for (t, (r, s, block)) in pairs.enumerated() {
                let target = UnsafeMutableBufferPointer(rebasing: panel[(t * m * columns.count)...])
                gemm.run(sa.slice(r), sb.slice(s), block: block, columns: columns, into: target, accumulate: false)
            }
            accumulate(UnsafeBufferPointer(panel), count: pairs.count, columns: columns, into: &hi, &lo,
                       rows: m, rowExponents: sa.exponents, colExponents: sb.exponents)
        }
        statistics = gemm.statistics
        return DDMatrix(normalizedHi: Matrix(rows: m, cols: q, elements: hi),
                        lo: Matrix(rows: m, cols: q, elements: lo))
    }

    /// For the result columns `columns` (m rows each): (hi, lo) ← 2^(e_i+f_j)·((hi, lo) + Σ_t x_t)
    /// entrywise, where x_t is the m × |columns| block at products[t·m·|columns|…], added in order
    /// by TwoSum with renormalisation (error ≤ 2·2^-106 of the new partial sum per step). The
    /// power-of-two scaling is exact within Double's normal range. One pass, in chunks of columns
    /// (so hi and lo stay in cache) on two threads.
    private static func accumulate(_ products: UnsafeBufferPointer<Double>, count: Int, columns: Range<Int>,
                           into hi: inout [Double], _ lo: inout [Double],
                           rows m: Int, rowExponents: [Int], colExponents: [Int]) {
        let stride = m * columns.count
        let chunkColumns = max(1, min(columns.count, 16_384 / max(m, 1)))
        let chunks = (columns.count + chunkColumns - 1) / chunkColumns
        hi.withUnsafeMutableBufferPointer { h in
            lo.withUnsafeMutableBufferPointer { l in
                let shared = SharedBuffers(x: products, h: h, l: l)
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let (x, h, l) = (shared.x, shared.h, shared.l)
                    let local = (c * chunkColumns)..<min(columns.count, (c + 1) * chunkColumns)
                    let offset = columns.lowerBound * m  // of the panel's first column in hi, lo
                    let range = (local.lowerBound * m)..<(local.upperBound * m)
                    for t in 0..<count {
                        let base = t * stride
                        for e in range {
                            let (s, err) = twoSum(h[offset + e], x[base + e])
                            (h[offset + e], l[offset + e]) = twoSum(s, l[offset + e] + err)
                        }
                    }
                    for j in local {
                        let column = columns.lowerBound + j
                        for i in 0..<m {
                            let e = i + column * m, shift = rowExponents[i] + colExponents[column]
                            if shift == 0 { continue }
                            if shift >= -1022 && shift <= 1023 {
                                let factor = Double(bitPattern: UInt64(shift + 1023) << 52)
                                h[e] *= factor
                                l[e] *= factor
                            } else {
                                h[e] = Foundation.scalbn(h[e], shift)
                                l[e] = Foundation.scalbn(l[e], shift)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Buffers handed to `concurrentPerform`: every task touches a disjoint range of h and l, and only
/// reads x.
private struct SharedBuffers: @unchecked Sendable {
    let x: UnsafeBufferPointer<Double>
    let h: UnsafeMutableBufferPointer<Double>
    let l: UnsafeMutableBufferPointer<Double>
}

/// TwoSum as in `DoubleDoubleArithmetic`, repeated here because the hot loops below must inline it
/// and debug builds (no whole-module optimisation) cannot inline across files.
@inline(__always)
private func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
    let s = a + b
    let bb = s - a
    return (s, (a - (s - bb)) + (b - bb))
}

/// ⌈log2 n⌉ for n ≥ 1.
private func ceilLog2(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }

/// gemm on flat column-major buffers: A is m×p, B is p×q (leading dimensions m and p); `block`
/// selects inner indices (columns of A, rows of B) and `columns` the columns of B, written to
/// `c` as an m × |columns| matrix. Counts calls.
private struct Gemm {
    let m: Int, p: Int
    var statistics: OzakiProduct.Statistics

    mutating func run(_ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>,
                      block: Range<Int>, columns: Range<Int>,
                      into c: UnsafeMutableBufferPointer<Double>, accumulate: Bool) {
        let (m, p, n) = (self.m, self.p, columns.count)
        statistics.gemmCalls += 1
        statistics.multiplyAdds += Double(m) * Double(n) * Double(block.count)
        precondition(m * n <= c.count && a.count == m * p && b.count >= p * columns.upperBound, "gemm out of range")
        Double.gemm(
            m: m, n: n, k: block.count, alpha: 1,
            a: a.baseAddress! + block.lowerBound * m, lda: m,
            b: b.baseAddress! + block.lowerBound + columns.lowerBound * p, ldb: p,
            beta: accumulate ? 1 : 0, c: c.baseAddress!, ldc: m)
    }
}

/// One operand split into slices (see `OzakiProduct`), all in the scaled frame where every line
/// (row of A, or column of B) has largest |hi| ≤ 1. Lives in a workspace buffer laid out as
/// [scaled hi | lo | slice 1 … slice k | remainder hi after 1 … k slices], each of the operand's
/// size (the lo part of the remainder is updated in place).
private struct SlicedOperand: @unchecked Sendable {
    let storage: UnsafeMutableBufferPointer<Double>
    let size: Int, k: Int
    var nonzero: [Bool] = []
    /// remainderNonzero[j − 1]: the remainder after j slices is not zero.
    var remainderNonzero: [Bool] = []
    /// e per line: the line was scaled by 2^-e.
    var exponents: [Int]

    func part(_ index: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: storage[(index * size)..<((index + 1) * size)])
    }
    /// The operand's hi, scaled.
    var scaledHi: UnsafeMutableBufferPointer<Double> { part(0) }
    /// Slice r (1 ≤ r ≤ k).
    func slice(_ r: Int) -> UnsafeMutableBufferPointer<Double> { part(1 + r) }
    /// hi of the remainder after j slices (1 ≤ j ≤ k).
    func remainder(_ j: Int) -> UnsafeMutableBufferPointer<Double> { part(1 + k + j) }

    /// A split by rows and B by columns, on two threads.
    static func pair(_ a: DDMatrix, _ b: DDMatrix,
                     storage: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>),
                     slices k: Int, sliceBits beta: Int) -> (SlicedOperand, SlicedOperand) {
        let results = Pair()
        let shared = SharedStorage(a: storage.0, b: storage.1)
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            if side == 0 {
                results.set(0, SlicedOperand(a, byRows: true, storage: shared.a, slices: k, sliceBits: beta))
            } else {
                results.set(1, SlicedOperand(b, byRows: false, storage: shared.b, slices: k, sliceBits: beta))
            }
        }
        return results.values
    }

    private struct SharedStorage: @unchecked Sendable {
        let a: UnsafeMutableBufferPointer<Double>, b: UnsafeMutableBufferPointer<Double>
    }

    /// Two results, each written by one task and read after both finished.
    private final class Pair: @unchecked Sendable {
        private var slots: [SlicedOperand?] = [nil, nil]
        private let lock = NSLock()
        func set(_ side: Int, _ x: SlicedOperand) { lock.withLock { slots[side] = x } }
        var values: (SlicedOperand, SlicedOperand) { lock.withLock { (slots[0]!, slots[1]!) } }
    }

    init(_ x: DDMatrix, byRows: Bool, storage: UnsafeMutableBufferPointer<Double>, slices k: Int, sliceBits beta: Int) {
        let rows = x.rows, cols = x.cols, lines = byRows ? rows : cols
        size = rows * cols
        self.k = k
        precondition(storage.count >= (2 * k + 2) * size, "workspace too small")
        self.storage = storage
        exponents = [Int](repeating: 0, count: lines)
        var lineMax = [Double](repeating: 0, count: lines)
        var factor = [Double](repeating: 1, count: lines)
        let h = part(0), l = part(1)
        // Normalise (inputs may be any hi, lo), then scale each line: 2^e ≥ its largest |hi|.
        x.hi.elements.withUnsafeBufferPointer { xh in
            x.lo.elements.withUnsafeBufferPointer { xl in
                lineMax.withUnsafeMutableBufferPointer { mx in
                    for j in 0..<cols {
                        for i in 0..<rows {
                            let e = i + j * rows, line = byRows ? i : j
                            (h[e], l[e]) = twoSum(xh[e], xl[e])
                            mx[line] = max(mx[line], abs(h[e]))
                        }
                    }
                }
            }
        }
        for line in 0..<lines where lineMax[line] > 0 {
            let e = min(max(Self.ceilExponent(lineMax[line]), -1000), 1024)
            exponents[line] = e
            factor[line] = Double(sign: .plus, exponent: -e, significand: 1)
            lineMax[line] = 0
        }
        factor.withUnsafeBufferPointer { f in
            lineMax.withUnsafeMutableBufferPointer { mx in
                for j in 0..<cols {
                    for i in 0..<rows {
                        let e = i + j * rows, line = byRows ? i : j
                        h[e] *= f[line]
                        l[e] *= f[line]
                        mx[line] = max(mx[line], abs(h[e]))
                    }
                }
            }
        }
        // Pass r reads the remainder's hi (the scaled hi for r = 1), writes slice r and the next
        // remainder's hi, updates lo in place, and records the new line maxima.
        var sigma = [Double](repeating: 0, count: lines)
        for r in 1...k {
            var any = false
            for line in 0..<lines {
                // t ≤ 1 in the scaled frame; below 2^-900 the slice unit would underflow.
                let t = lineMax[line] > 0 ? min(max(Self.ceilExponent(lineMax[line]), -900), 1) : -900
                sigma[line] = Double(sign: .plus, exponent: t + 52 - beta, significand: 1.5)
                any = any || lineMax[line] > 0
                lineMax[line] = 0
            }
            let current = r == 1 ? part(0) : remainder(r - 1), sp = slice(r), np = remainder(r)
            sigma.withUnsafeBufferPointer { sg in
                lineMax.withUnsafeMutableBufferPointer { mx in
                    // One element: slice with σ, renormalise the remainder, return its new hi.
                    @inline(__always) func step(_ e: Int, _ s: Double) -> Double {
                        let v = (current[e] + s) - s
                        let (nh, nl) = twoSum(current[e] - v, l[e])
                        sp[e] = v
                        np[e] = nh
                        l[e] = nl
                        return abs(nh)
                    }
                    // Two loops so that each inner loop has a simple shape (vectorisable).
                    if byRows {
                        for j in 0..<cols {
                            for i in 0..<rows { mx[i] = max(mx[i], step(i + j * rows, sg[i])) }
                        }
                    } else {
                        for j in 0..<cols {
                            let s = sg[j]
                            var best = 0.0
                            for i in 0..<rows { best = max(best, step(i + j * rows, s)) }
                            mx[j] = best
                        }
                    }
                }
            }
            nonzero.append(any)
            remainderNonzero.append(lineMax.contains { $0 > 0 })
        }
    }

    /// The least t with |x| ≤ 2^t, for finite x ≠ 0 (normal or subnormal).
    static func ceilExponent(_ x: Double) -> Int {
        let m = abs(x)
        return m.significand == 1 ? Int(m.exponent) : Int(m.exponent) + 1
    }
}
