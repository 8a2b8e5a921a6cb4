import Dispatch
import Foundation
import Linalg

/// The product C = A·B of two double-double matrices (each given as hi + lo) by exact integer
/// arithmetic in residue form, for use as an independent witness: it shares no code with
/// `OzakiProduct` (no slicing; a different kernel, exact modular products through Double gemm).
///
/// Idea from H. Ozaki, Y. Uchino, T. Imamura, "Ozaki Scheme II: A GEMM-oriented emulation of
/// floating-point matrix multiplication using an integer modular technique" (2024); the code
/// below is written from that idea alone.
///
/// ## Method (A is m×p, B is p×q; inner dimension n = p)
/// 1. Scaling. For row i of A let 2^{e_i} be the least power of two above max_l |fl(hi + lo)|
///    (so 2^{e_i} ≥ max_l |a_il| and 2^{e_i} ≤ 2·max_l |a_il|·(1 + 2^-52)); likewise 2^{f_j} for
///    column j of B. With k = `Plan.scaleBits` (108 ≤ k ≤ 118),
///    A'_il = round(2^{k−e_i}·a_il), B'_lj = round(2^{k−f_j}·b_lj): integers with |A'|, |B'| ≤ 2^k
///    and |A' − 2^{k−e}a| ≤ ρ = 1/2 + 2^-53 (the only rounding of the inputs; see `fillLimbs`).
///    They are held exactly as five balanced limbs in base 2^24 and never formed as one number.
/// 2. Residues. For pairwise coprime odd moduli m_1 … m_N (primes just below 2h+1, h the largest
///    integer with n·h² ≤ 2^53 − 2^27, and h < 2^25) the symmetric residues (|r| ≤ (m_t − 1)/2) of
///    A' and B' are formed exactly in Double. Each residue product A'_t·B'_t through dgemm is
///    EXACT in any summation order: every product and partial sum is an integer of magnitude
///    ≤ n·h_t² < 2^53. N is the least count with M = ∏ m_t > 2·n·2^{2·108}; k is then the
///    largest value ≤ 118 with M > 2·n·2^{2k}, so the symmetric CRT representative of the residues
///    of (A'B')_ij, |A'B'| ≤ n·2^{2k} < M/2, is the exact integer. One dgemm per modulus:
///    N = 9 for n ≤ 46, 10 for 47 ≤ n ≤ 812, 11 for 813 ≤ n ≤ 4096 (k = 118 at n = 1024).
/// 3. Reconstruction, per entry: each gemm result is reduced to a symmetric residue, Garner's
///    algorithm gives balanced mixed-radix digits v_t (|v_t| ≤ (m_t − 1)/2, exact small-integer
///    arithmetic in Double), and Σ v_t ∏_{s<t} m_s is evaluated from the most significant digit
///    down EXACTLY, in 256-bit two's complement integer arithmetic (a deliberate choice: Horner
///    in double-double would add ≈ 5·2^-106 relative per digit, ≈ 2^-100 for 11 digits). The
///    integer is rounded once to double-double (relative error ≤ 2^-106 + 2^-126) and scaled by
///    2^{e_i + f_j − 2k} (exact in Double's normal range).
///
/// ## Accuracy (entrywise; derivation in `Plan.errorBound`)
///
///     |Ĉ_ij − (AB)_ij| ≤ 2^-k·(1 + 2^-51)·n·2^{e_i+f_j} + 2^-106·(1 + 2^-19)·|(AB)_ij|,
///
/// where the first term is the truncation of the inputs to k-bit integers (k ≥ 108; 118 for
/// n = 1024) and the second the single rounding of the exact result to hi + lo. For dense rows and
/// columns of comparable magnitude, n·2^{e_i+f_j} is within ≈ 2^4–2^6 of (|A||B|)_ij, so the first
/// term is ≲ 2^{6−k}·(|A||B|)_ij: at most 2^-102 (k = 108), 2^-112 at n = 1024 (k = 118). Typical
/// truncation errors are far smaller (random, ≈ √n rather than n). Valid while inputs and results
/// stay in Double's normal range (lo parts of magnitude above ≈ 2^-969); below that lo is
/// subnormal and precision degrades.
///
/// ## Cost
/// N dgemm of the full shape (≈ 21 ms each at n = 1024 on this machine) plus O(N²) exact
/// small-integer operations per result entry (Garner) and O(N) per input entry, on all cores.
/// Measured on this machine (2 cores, OpenBLAS, workspace reused): 12 ms at n = 256, 60 ms at
/// n = 512, 0.42 s at n = 1024 (of which ≈ 0.23 s dgemm).
///
/// Special cases: any NaN or ±Inf input entry gives an all-NaN result; n = 0 (inner dimension)
/// gives exact zeros, an empty outer dimension an empty result; zero rows of A and zero
/// columns of B give exact zeros.
public enum ModularProduct {
    /// Limbs: |A'| ≤ 2^118 is held as Σ_{i<5} d_i·2^{24i} with balanced digits |d_i| ≤ 2^24.
    static let limbBits = 24
    static let limbCount = 5
    /// k ≥ 108: the inputs' truncation 2^-k·n·2^{e_i+f_j} is then ≤ 2^-104·(|A||B|)_ij whenever
    /// n·2^{e_i+f_j} is within 2^4 of (|A||B|)_ij (dense lines of comparable entries, e.g.
    /// Gaussian), i.e. within 4 units of the output's own rounding 2^-106. Each extra bit of k
    /// costs 2 bits of M, about 1/11 dgemm at n = 1024; k is raised for free where M allows.
    public static let minimumScaleBits = 108
    /// k ≤ 118 = 5·24 − 2: |A'| ≤ 2^118 fits the five balanced 24-bit limbs (top limb ≤ 2^22 + 1).
    public static let maximumScaleBits = 118
    /// The moduli satisfy n·h² ≤ 2^53 − 2^27 (h = (m − 1)/2): exact gemm sums, and room for the
    /// quotient step of `reduce` (|q·m| ≤ |x| + 1.5·m < 2^53 for |x| ≤ 2^53 − 2^27, m < 2^26).
    public static let exactSumBound = (1 << 53) - (1 << 27)
    /// h ≤ 2^25 − 1 (m < 2^26): keeps every product in `reduce`'s callers below 2^52 (see there).
    public static let largestHalfModulus = (1 << 25) - 1

    // MARK: - Plan

    /// The moduli and the scaling for one inner dimension n.
    public struct Plan: Equatable, Sendable, CustomStringConvertible {
        /// n: the inner dimension the moduli were chosen for.
        public let innerDimension: Int
        /// m_1 > m_2 > … > m_N: the largest primes ≤ 2h + 1 (h from `exactSumBound`), found by
        /// trial division: odd, pairwise coprime (distinct primes).
        public let moduli: [Int]
        /// k: operands are scaled to integers of at most k bits (see `ModularProduct`).
        public let scaleBits: Int
        /// (m_t − 1)/2 as Double.
        let halfModuli: [Double]
        /// fl(1/m_t).
        let reciprocals: [Double]
        /// limbWeights[t·5 + i] = 2^{24i} mod m_t, balanced.
        let limbWeights: [Double]
        /// garnerInverses[t·N + s] = m_s^{-1} mod m_t, balanced (s < t).
        let garnerInverses: [Double]

        /// The plan for inner dimension n (1 ≤ n ≤ 2^30).
        public init(innerDimension n: Int) {
            precondition(n >= 1 && n <= 1 << 30, "inner dimension out of range")
            innerDimension = n
            let h = ModularProduct.largestHalfResidue(innerDimension: n)
            var moduli: [Int] = [], product = BigUnsigned.one
            var candidate = 2 * h + 1
            while !product.exceeds(twiceTimes: n, twoToThe: 2 * minimumScaleBits) {
                while !Self.isPrime(candidate) { candidate -= 2 }
                moduli.append(candidate)
                product.multiply(by: UInt64(candidate))
                candidate -= 2
            }
            // The largest k the moduli allow, also keeping |A'B'| ≤ n·2^{2k} < 2^255 for the
            // 256-bit reconstruction.
            var k = minimumScaleBits
            while k < maximumScaleBits && Self.ceilLog2(n) + 2 * (k + 1) <= 254
                    && product.exceeds(twiceTimes: n, twoToThe: 2 * (k + 1)) { k += 1 }
            self.moduli = moduli
            scaleBits = k
            halfModuli = moduli.map { Double(($0 - 1) / 2) }
            reciprocals = moduli.map { 1 / Double($0) }
            limbWeights = moduli.flatMap { m in
                (0..<limbCount).map { i in
                    var w = 1
                    for _ in 0..<i { w = (w << limbBits) % m }  // w < 2^26: no overflow
                    return Double(Self.balanced(w, m))
                }
            }
            garnerInverses = moduli.flatMap { mt in
                moduli.map { ms in ms == mt ? 0 : Double(Self.balanced(Self.inverse(ms, modulo: mt), mt)) }
            }
        }

        /// N: moduli, i.e. dgemm calls per product.
        public var gemmCalls: Int { moduli.count }

        /// True when M = ∏ m_t > 2·n·2^{2k} (exact multi-word integer arithmetic).
        public var productExceedsBound: Bool {
            var product = BigUnsigned.one
            for m in moduli { product.multiply(by: UInt64(m)) }
            return product.exceeds(twiceTimes: innerDimension, twoToThe: 2 * scaleBits)
        }

        /// The entrywise error bound of `ModularProduct` for an entry with line scales 2^{e_i},
        /// 2^{f_j} and exact value c = (AB)_ij:
        ///
        ///     2^-k·(1 + 2^-51)·n·2^{e_i+f_j} + 2^-106·(1 + 2^-19)·|c|.
        ///
        /// Derivation. With α = 2^{k−e_i}, β = 2^{k−f_j}, A' = αa + δ, B' = βb + δ' (|δ|, |δ'| ≤ ρ =
        /// 1/2 + 2^-53, |αa|, |βb| ≤ 2^k): A'B' − αβ·ab = Σ_l (δ_il·βb_lj + αa_il·δ'_lj + δδ'), so
        /// |A'B'/(αβ) − c| ≤ n·2^{e_i+f_j}·2^-k·(2ρ + ρ²2^-k) ≤ 2^-k(1 + 2^-52)·n·2^{e_i+f_j}. The
        /// integer A'B' is recovered exactly (CRT) and rounded once to hi + lo with relative error
        /// ≤ 2^-106 + 2^-126 (`toDoubleDouble`); the power-of-two scaling is exact. The rounding
        /// applies to |A'B'/(αβ)| ≤ |c| + 2^-k(1 + 2^-52)n2^{e+f}, which the stated constants cover.
        public func errorBound(rowScale: Double, columnScale: Double, exact c: Double) -> Double {
            Foundation.scalbn(1 + 0x1p-51, -scaleBits) * Double(innerDimension) * rowScale * columnScale
                + 0x1p-106 * (1 + 0x1p-19) * abs(c)
        }

        public var description: String {
            "n=\(innerDimension): N=\(moduli.count) moduli \(moduli.last ?? 0)…\(moduli.first ?? 0), k=\(scaleBits)"
        }

        static func isPrime(_ x: Int) -> Bool {
            if x < 2 { return false }
            if x % 2 == 0 { return x == 2 }
            var d = 3
            while d * d <= x {
                if x % d == 0 { return false }
                d += 2
            }
            return true
        }

        /// x mod m in [−(m−1)/2, (m−1)/2] (m odd).
        static func balanced(_ x: Int, _ m: Int) -> Int {
            var r = x % m
            if r > m / 2 { r -= m }
            if r < -(m / 2) { r += m }
            return r
        }

        /// a^{-1} mod m by the extended Euclidean algorithm (gcd(a, m) = 1).
        static func inverse(_ a: Int, modulo m: Int) -> Int {
            var (r0, r1) = (m, ((a % m) + m) % m)
            var (t0, t1) = (0, 1)
            while r1 != 0 {
                let q = r0 / r1
                (r0, r1) = (r1, r0 - q * r1)
                (t0, t1) = (t1, t0 - q * t1)
            }
            precondition(r0 == 1, "moduli must be coprime")
            return ((t0 % m) + m) % m
        }

        /// ⌈log2 n⌉ for n ≥ 1.
        static func ceilLog2(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }
    }

    /// The largest h with n·h² ≤ `exactSumBound`, capped at `largestHalfModulus`.
    public static func largestHalfResidue(innerDimension n: Int) -> Int {
        var h = Int((Double(exactSumBound) / Double(n)).squareRoot())
        while n * h * h > exactSumBound { h -= 1 }
        while n * (h + 1) * (h + 1) <= exactSumBound { h += 1 }
        return min(h, largestHalfModulus)
    }

    // MARK: - Workspace

    /// Scratch memory reused from one product to the next (plans are cached by n): limbs
    /// (5·(|A| + |B|) Floats), one residue buffer per operand and one gemm output (Doubles), and
    /// the product's residues for all moduli (N·|C| Int32) — ≈ 110 MB at n = 1024. One product at
    /// a time: a workspace must not be shared between concurrent calls.
    public final class Workspace {
        private var plans: [Int: Plan] = [:]
        private var doubles: [UnsafeMutableBufferPointer<Double>] = []
        private var floats: [UnsafeMutableBufferPointer<Float>] = []
        private var ints: UnsafeMutableBufferPointer<Int32> = .allocate(capacity: 0)

        public init() {}

        deinit {
            doubles.forEach { $0.deallocate() }
            floats.forEach { $0.deallocate() }
            ints.deallocate()
        }

        /// The plan for inner dimension n (computed once).
        public func plan(innerDimension n: Int) -> Plan {
            if let plan = plans[n] { return plan }
            let plan = Plan(innerDimension: n)
            plans[n] = plan
            return plan
        }

        fileprivate func doubles(_ index: Int, count: Int) -> UnsafeMutablePointer<Double> {
            grow(&doubles, index, count).baseAddress!
        }

        fileprivate func floats(_ index: Int, count: Int) -> UnsafeMutablePointer<Float> {
            grow(&floats, index, count).baseAddress!
        }

        fileprivate func ints(count: Int) -> UnsafeMutablePointer<Int32> {
            if ints.count < max(count, 1) {
                ints.deallocate()
                ints = .allocate(capacity: max(count, 1))
            }
            return ints.baseAddress!
        }

        private func grow<T>(_ list: inout [UnsafeMutableBufferPointer<T>], _ index: Int, _ count: Int)
            -> UnsafeMutableBufferPointer<T>
        {
            while list.count <= index { list.append(.allocate(capacity: 0)) }
            if list[index].count < max(count, 1) {
                list[index].deallocate()
                list[index] = .allocate(capacity: max(count, 1))
            }
            return list[index]
        }
    }

    // MARK: - Product

    /// C = A·B for A = aHi + aLo (m×p) and B = bHi + bLo (p×q), as hi + lo (normalised,
    /// |lo| ≤ ulp(hi)/2). Accuracy and special cases: see `ModularProduct`.
    public static func multiply(aHi: Matrix<Double>, aLo: Matrix<Double>, bHi: Matrix<Double>, bLo: Matrix<Double>)
        -> (hi: Matrix<Double>, lo: Matrix<Double>)
    {
        multiply(aHi: aHi, aLo: aLo, bHi: bHi, bLo: bLo, workspace: Workspace())
    }

    /// As `multiply(aHi:aLo:bHi:bLo:)`, with scratch memory and cached plans from `workspace`.
    public static func multiply(aHi: Matrix<Double>, aLo: Matrix<Double>, bHi: Matrix<Double>, bLo: Matrix<Double>,
                                workspace: Workspace) -> (hi: Matrix<Double>, lo: Matrix<Double>)
    {
        precondition(aHi.rows == aLo.rows && aHi.cols == aLo.cols && bHi.rows == bLo.rows && bHi.cols == bLo.cols,
                     "hi and lo shapes differ")
        precondition(aHi.cols == bHi.rows, "shape mismatch: \(aHi.rows)×\(aHi.cols) · \(bHi.rows)×\(bHi.cols)")
        let (m, p, q) = (aHi.rows, aHi.cols, bHi.cols)
        func filled(_ x: Double) -> (hi: Matrix<Double>, lo: Matrix<Double>) {
            let e = Matrix(rows: m, cols: q, elements: [Double](repeating: x, count: m * q))
            return (e, e)
        }
        guard aHi.isFinite && aLo.isFinite && bHi.isFinite && bLo.isFinite else { return filled(.nan) }
        if m == 0 || q == 0 || p == 0 { return filled(0) }
        guard let rowExponents = lineExponents(aHi, aLo, byRows: true),
              let colExponents = lineExponents(bHi, bLo, byRows: false) else { return filled(.nan) }
        let plan = workspace.plan(innerDimension: p)
        let k = plan.scaleBits, count = plan.moduli.count
        let limbsA = workspace.floats(0, count: limbCount * m * p)
        let limbsB = workspace.floats(1, count: limbCount * p * q)
        fillLimbs(aHi, aLo, exponents: rowExponents, byRows: true, scaleBits: k, into: limbsA)
        fillLimbs(bHi, bLo, exponents: colExponents, byRows: false, scaleBits: k, into: limbsB)
        let residueA = workspace.doubles(0, count: m * p), residueB = workspace.doubles(1, count: p * q)
        let product = workspace.doubles(2, count: m * q)
        let productResidues = workspace.ints(count: count * m * q)
        for t in 0..<count {
            residues(limbsA, size: m * p, plan: plan, modulus: t, into: residueA)
            residues(limbsB, size: p * q, plan: plan, modulus: t, into: residueB)
            // Exact: every product and partial sum is an integer of magnitude ≤ p·h_t² < 2^53.
            Double.gemm(m: m, n: q, k: p, alpha: 1, a: residueA, lda: m, b: residueB, ldb: p,
                        beta: 0, c: product, ldc: m)
            reduceProduct(product, size: m * q, plan: plan, modulus: t, into: productResidues + t * m * q)
        }
        return reconstruct(productResidues, rows: m, cols: q, plan: plan,
                           rowExponents: rowExponents, colExponents: colExponents)
    }

    // MARK: - Scaling and limbs

    /// e per line (row of A when `byRows`, else column of B): 2^e is the least power of two
    /// strictly above the line's largest |fl(hi + lo)|, 0 for a zero line; nil if that sum
    /// overflows. For normalised h = fl(hi + lo), l = hi + lo − h (|l| ≤ ulp(h)/2) and
    /// |h| ≤ 2^e − ulp(h), so |h + l| < 2^e.
    static func lineExponents(_ hi: Matrix<Double>, _ lo: Matrix<Double>, byRows: Bool) -> [Int]? {
        let (rows, cols) = (hi.rows, hi.cols)
        var largest = [Double](repeating: 0, count: byRows ? rows : cols)
        hi.elements.withUnsafeBufferPointer { h in
            lo.elements.withUnsafeBufferPointer { l in
                for j in 0..<cols {
                    for i in 0..<rows {
                        let line = byRows ? i : j
                        largest[line] = max(largest[line], abs(h[i + j * rows] + l[i + j * rows]))
                    }
                }
            }
        }
        if largest.contains(where: { !$0.isFinite }) { return nil }
        return largest.map { $0 == 0 ? 0 : Int($0.exponent) + 1 }
    }

    /// Writes the five limb planes (limb i of entry e at limbs[i·size + e]) of the integers
    /// X' = round(2^{k−e_line}·(hi + lo)).
    ///
    /// Per entry: (h, l) = TwoSum(hi, lo) (exact), scaled exactly by 2^{k−e} (two power-of-two
    /// factors, both in range; the only inexact case is underflow of entries below 2^-1022 in the
    /// scaled frame, an error < 2^-1074 units); r = round(h') and d = h' − r (exact); t =
    /// round(fl(d + l')). If h' is not an integer, |h'| < 2^52, ulp(h') ≤ 1/2 and |l'| ≤ 1/4, so
    /// |d + l'| ≤ 3/4 and fl adds ≤ 2^-54; if h' is an integer, d = 0 and t = round(l') exactly.
    /// So X' = r + t with |X' − 2^{k−e}(hi + lo)| ≤ 1/2 + 2^-53 = ρ, and |X'| ≤ 2^k (2^k is an
    /// integer and |2^{k−e}(hi + lo)| < 2^k). r and t are split into balanced base-2^24 digits
    /// (`digits`), added limb by limb: |limb| ≤ 2^23 + 2^23 = 2^24, exact in Float.
    static func fillLimbs(_ hi: Matrix<Double>, _ lo: Matrix<Double>, exponents: [Int], byRows: Bool,
                          scaleBits k: Int, into limbs: UnsafeMutablePointer<Float>) {
        let (rows, cols) = (hi.rows, hi.cols), size = rows * cols
        // 2^{k−e} = f1·f2 with f1 = 2^{min(k−e, 1000)}: k − e ≥ 108 − 1024 and ≤ 118 + 1074, so
        // both factors are normal and, scaling up, h·f1 is exact before the second factor.
        let f1 = exponents.map { Foundation.scalbn(1.0, min(k - $0, 1000)) }
        let f2 = exponents.map { Foundation.scalbn(1.0, k - $0 - min(k - $0, 1000)) }
        let shared = Shared(limbs)
        hi.elements.withUnsafeBufferPointer { hp in
            lo.elements.withUnsafeBufferPointer { lp in
                f1.withUnsafeBufferPointer { f1p in
                    f2.withUnsafeBufferPointer { f2p in
                        let input = (Shared(UnsafeMutablePointer(mutating: hp.baseAddress!)),
                                     Shared(UnsafeMutablePointer(mutating: lp.baseAddress!)),
                                     Shared(UnsafeMutablePointer(mutating: f1p.baseAddress!)),
                                     Shared(UnsafeMutablePointer(mutating: f2p.baseAddress!)))
                        parallel(columns: cols, rows: rows) { columns in
                            for j in columns {
                                let offset = j * rows
                                limbColumn(input.0.pointer + offset, input.1.pointer + offset, count: rows,
                                           rowFactors: byRows ? (input.2.pointer, input.3.pointer) : nil,
                                           columnFactors: (input.2.pointer[byRows ? 0 : j], input.3.pointer[byRows ? 0 : j]),
                                           into: shared.pointer + offset, planeSize: size)
                            }
                        }
                    }
                }
            }
        }
    }

    /// `fillLimbs` for one column of `count` entries: the scale factors are per entry (rows of A)
    /// or one pair for the column (columns of B).
    @inline(__always)
    static func limbColumn(_ hs: UnsafeMutablePointer<Double>, _ ls: UnsafeMutablePointer<Double>, count: Int,
                           rowFactors: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)?,
                           columnFactors: (Double, Double),
                           into out: UnsafeMutablePointer<Float>, planeSize size: Int) {
        let (o0, o1, o2, o3, o4) = (out, out + size, out + 2 * size, out + 3 * size, out + 4 * size)
        @inline(__always) func entry(_ i: Int, _ f1: Double, _ f2: Double) {
            let (h, l) = twoSum(hs[i], ls[i])
            let hScaled = h * f1 * f2, lScaled = l * f1 * f2
            let r = roundToInteger(hScaled)
            let t = roundToInteger((hScaled - r) + lScaled)
            let dr = digits(r), dt = digits(t)
            o0[i] = Float(dr.0 + dt.0)
            o1[i] = Float(dr.1 + dt.1)
            o2[i] = Float(dr.2 + dt.2)
            o3[i] = Float(dr.3 + dt.3)
            o4[i] = Float(dr.4 + dt.4)
        }
        if let (f1, f2) = rowFactors {
            for i in 0..<count { entry(i, f1[i], f2[i]) }
        } else {
            let (f1, f2) = columnFactors
            for i in 0..<count { entry(i, f1, f2) }
        }
    }

    /// The balanced base-2^24 digits (d_0, …, d_4) of an integer-valued x with |x| ≤ 2^118 + 1:
    /// x = Σ d_i·2^{24i}, |d_i| ≤ 2^23 for i < 4, |d_4| ≤ 2^22 + 1. From the top, d_i =
    /// round(x·2^{-24i}) and x ← x − d_i·2^{24i}: exact, since the new x is an integer of
    /// magnitude ≤ 2^{24i−1} and a multiple of ulp(old x) ≥ 2^{24i−53} (or zero when ulp(old x)
    /// ≥ 2^{24i}, or x itself when |old x| < 2^{24i−1}).
    @inline(__always)
    static func digits(_ x: Double) -> (Double, Double, Double, Double, Double) {
        var r = x
        let d4 = roundToInteger(r * 0x1p-96)
        r -= d4 * 0x1p96
        let d3 = roundToInteger(r * 0x1p-72)
        r -= d3 * 0x1p72
        let d2 = roundToInteger(r * 0x1p-48)
        r -= d2 * 0x1p48
        let d1 = roundToInteger(r * 0x1p-24)
        r -= d1 * 0x1p24
        return (r, d1, d2, d3, d4)
    }

    /// x rounded to an integer (ties to even): x itself if |x| ≥ 2^52 (already an integer), else
    /// (x + c) − c with c = ±2^52 of x's sign: x + c lies in [2^52, 2^53] in magnitude, where the
    /// spacing of Doubles is 1, and the subtraction is exact.
    @inline(__always)
    static func roundToInteger(_ x: Double) -> Double {
        let c = x < 0 ? -0x1p52 : 0x1p52
        return abs(x) >= 0x1p52 ? x : (x + c) - c
    }

    // MARK: - Residues

    /// x mod m_t, balanced, for an integer-valued |x| ≤ 2^53 − 2^27: q = round(x·fl(1/m)) by
    /// adding and subtracting 1.5·2^52 (|x/m| < 2^51), then y = x − q·m. x·fl(1/m) errs from x/m by
    /// ≤ 2^-52·|x|/m ≤ 2/m < 1/2 (m > 4), so q is round(x/m) or off by one and |y| < 1.5m; q·m and y
    /// are integers below 2^53, hence exact; one correction by ±m brings y into [−h, h].
    @inline(__always)
    static func reduce(_ x: Double, _ m: Double, _ reciprocal: Double, _ h: Double) -> Double {
        let q = (x * reciprocal + 0x1.8p52) - 0x1.8p52
        var y = x - q * m
        y = y > h ? y - m : y
        y = y < -h ? y + m : y
        return y
    }

    /// out[e] = X'_e mod m_t (balanced) from the limbs: Σ_i d_i·(2^{24i} mod m_t) has terms
    /// |d_i·w_i| ≤ 2^24·(2^25 − 1) < 2^49 and a sum < 2^52, all exact.
    static func residues(_ limbs: UnsafeMutablePointer<Float>, size: Int, plan: Plan, modulus t: Int,
                         into out: UnsafeMutablePointer<Double>) {
        let w = plan.limbWeights
        let (w0, w1, w2, w3, w4) = (w[5 * t], w[5 * t + 1], w[5 * t + 2], w[5 * t + 3], w[5 * t + 4])
        let m = Double(plan.moduli[t]), r = plan.reciprocals[t], h = plan.halfModuli[t]
        let (source, target) = (Shared(limbs), Shared(out))
        parallel(count: size) { range in
            let start = range.lowerBound, length = range.count
            let d0 = source.pointer + start, d1 = d0 + size, d2 = d1 + size, d3 = d2 + size, d4 = d3 + size
            let o = target.pointer + start
            for e in 0..<length {
                let s = Double(d0[e]) * w0 + Double(d1[e]) * w1 + Double(d2[e]) * w2
                    + Double(d3[e]) * w3 + Double(d4[e]) * w4
                o[e] = reduce(s, m, r, h)
            }
        }
    }

    /// The gemm result for modulus t reduced to balanced residues (|x| ≤ p·h_t² ≤ 2^53 − 2^27),
    /// stored as Int32 (|y| ≤ h_t < 2^25) by `int32`.
    static func reduceProduct(_ product: UnsafeMutablePointer<Double>, size: Int, plan: Plan, modulus t: Int,
                              into out: UnsafeMutablePointer<Int32>) {
        let m = Double(plan.moduli[t]), r = plan.reciprocals[t], h = plan.halfModuli[t]
        let (source, target) = (Shared(product), Shared(out))
        parallel(count: size) { range in
            let x = source.pointer + range.lowerBound, o = target.pointer + range.lowerBound
            for e in 0..<range.count { o[e] = int32(reduce(x[e], m, r, h)) }
        }
    }

    /// An integer-valued |y| < 2^31 as Int32, without a trapping conversion (so loops vectorise):
    /// y + 1.5·2^52 has spacing 1 and low 52 significand bits 2^51 + y, whose low 32 bits are y in
    /// two's complement (2^51 ≡ 0 mod 2^32).
    @inline(__always)
    static func int32(_ y: Double) -> Int32 {
        Int32(truncatingIfNeeded: (y + 0x1.8p52).bitPattern)
    }

    // MARK: - Reconstruction

    /// hi + lo of every result entry from its N residues (at residues[t·m·q + e]).
    static func reconstruct(_ residues: UnsafeMutablePointer<Int32>, rows: Int, cols: Int, plan: Plan,
                            rowExponents: [Int], colExponents: [Int]) -> (hi: Matrix<Double>, lo: Matrix<Double>) {
        let size = rows * cols, count = plan.moduli.count, shift = -2 * plan.scaleBits
        let moduli = plan.moduli.map { UInt64($0) }
        var hi = [Double](repeating: 0, count: size), lo = [Double](repeating: 0, count: size)
        hi.withUnsafeMutableBufferPointer { hp in
            lo.withUnsafeMutableBufferPointer { lp in
                let (source, hOut, lOut) = (Shared(residues), Shared(hp.baseAddress!), Shared(lp.baseAddress!))
                parallel(columns: cols, rows: rows) { columns in
                    let chunk = 256
                    let digits = UnsafeMutablePointer<Double>.allocate(capacity: count * chunk)
                    defer { digits.deallocate() }
                    let end = columns.upperBound * rows
                    for start in stride(from: columns.lowerBound * rows, to: end, by: chunk) {
                        let length = min(chunk, end - start)
                        for t in 0..<count {
                            let r = source.pointer + (t * size + start), v = digits + t * chunk
                            for x in 0..<length { v[x] = Double(r[x]) }
                        }
                        garner(digits, stride: chunk, length: length, plan: plan)
                        var (i, j) = (start % rows, start / rows)
                        for x in 0..<length {
                            let scale = shift + rowExponents[i] + colExponents[j]
                            (hOut.pointer[start + x], lOut.pointer[start + x]) =
                                mixedRadixValue(digits + x, stride: chunk, moduli: moduli, scale: scale)
                            i += 1
                            if i == rows { (i, j) = (0, j + 1) }
                        }
                    }
                }
            }
        }
        return (Matrix(rows: rows, cols: cols, elements: hi), Matrix(rows: rows, cols: cols, elements: lo))
    }

    /// Garner's algorithm in place, for `length` entries: on entry digits[t·stride + x] holds the
    /// balanced residue r_t, on exit the balanced mixed-radix digit v_t, with
    /// X = v_0 + m_0(v_1 + m_1(v_2 + …)) ≡ r_t (mod m_t) for all t and |X| ≤ (M − 1)/2.
    /// v_t = ((…((r_t − v_0)·c_{0t} − v_1)·c_{1t} − …) − v_{t−1})·c_{t−1,t} mod m_t, with
    /// c_{st} = m_s^{-1} mod m_t. Intermediate steps reduce lazily (`reduceLazily`, |u| < 1.5·m_t),
    /// the last one fully. Each step: |u − v_s| < 1.5·2^26 + 2^25 = 2^27, times |c| ≤ h_t < 2^25,
    /// is an integer below 2^52, reduced exactly.
    static func garner(_ digits: UnsafeMutablePointer<Double>, stride: Int, length: Int, plan: Plan) {
        let count = plan.moduli.count
        for t in 1..<max(count, 1) {
            let m = Double(plan.moduli[t]), r = plan.reciprocals[t], h = plan.halfModuli[t]
            let u = digits + t * stride
            for s in 0..<(t - 1) {
                let c = plan.garnerInverses[t * count + s], v = digits + s * stride
                for x in 0..<length { u[x] = reduceLazily((u[x] - v[x]) * c, m, r) }
            }
            let c = plan.garnerInverses[t * count + t - 1], v = digits + (t - 1) * stride
            for x in 0..<length { u[x] = reduce((u[x] - v[x]) * c, m, r, h) }
        }
    }

    /// x − q·m with q = round(x·fl(1/m)) for an integer-valued |x| < 2^52: congruent to x, of
    /// magnitude < 1.5·m (q is round(x/m) or off by one, as in `reduce`), exact.
    @inline(__always)
    static func reduceLazily(_ x: Double, _ m: Double, _ reciprocal: Double) -> Double {
        let q = (x * reciprocal + 0x1.8p52) - 0x1.8p52
        return x - q * m
    }

    /// (Σ_t v_t ∏_{s<t} m_s)·2^scale as hi + lo. The sum is formed exactly by Horner's rule from
    /// the most significant digit down, in 256-bit two's complement arithmetic (exact modulo 2^256,
    /// and the true value satisfies |X| ≤ n·2^{2k} < 2^255), then rounded once (`toDoubleDouble`).
    @inline(__always)
    static func mixedRadixValue(_ digits: UnsafeMutablePointer<Double>, stride: Int, moduli: [UInt64],
                                scale: Int) -> (Double, Double) {
        var w = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))  // little-endian words
        for t in Swift.stride(from: moduli.count - 1, through: 0, by: -1) {
            let m = moduli[t]
            // w ← w·m (mod 2^256); every high word is < m < 2^26, so carries never overflow.
            let p0 = w.0.multipliedFullWidth(by: m), p1 = w.1.multipliedFullWidth(by: m)
            let p2 = w.2.multipliedFullWidth(by: m)
            var c = false
            w.0 = p0.low
            (w.1, c) = p1.low.addingReportingOverflow(p0.high)
            (w.2, c) = p2.low.addingReportingOverflow(p1.high &+ (c ? 1 : 0))
            w.3 = w.3 &* m &+ p2.high &+ (c ? 1 : 0)
            // w ← w + v_t, v_t sign-extended to 256 bits.
            let v = Int64(digits[t * stride])
            let signWord: UInt64 = v < 0 ? .max : 0
            (w.0, c) = w.0.addingReportingOverflow(UInt64(bitPattern: v))
            (w.1, c) = addWithCarry(w.1, signWord, c)
            (w.2, c) = addWithCarry(w.2, signWord, c)
            w.3 = w.3 &+ signWord &+ (c ? 1 : 0)
        }
        let negative = w.3 >> 63 == 1
        if negative {  // magnitude: two's complement negation
            var c = true
            (w.0, c) = addWithCarry(~w.0, 0, c)
            (w.1, c) = addWithCarry(~w.1, 0, c)
            (w.2, c) = addWithCarry(~w.2, 0, c)
            w.3 = ~w.3 &+ (c ? 1 : 0)
        }
        let upper = UInt128(w.3) << 64 | UInt128(w.2), lower = UInt128(w.1) << 64 | UInt128(w.0)
        let (hi, lo, exponent) = toDoubleDouble(upper: upper, lower: lower)
        let total = exponent + scale
        return negative ? (-scaled(hi, total), -scaled(lo, total)) : (scaled(hi, total), scaled(lo, total))
    }

    @inline(__always)
    static func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: Bool) -> (UInt64, Bool) {
        let (s, o1) = a.addingReportingOverflow(b)
        let (t, o2) = s.addingReportingOverflow(carry ? 1 : 0)
        return (t, o1 || o2)
    }

    /// The 256-bit magnitude X = upper·2^128 + lower as (hi + lo)·2^exponent, hi = fl(hi + lo),
    /// with |hi + lo − X·2^-exponent| ≤ (2^-106 + 2^-126)·X·2^-exponent.
    ///
    /// The top 128 bits W (leading bit set, so W ≥ 2^127) are cut into three exact Doubles
    /// c1 (bits 75…127), c2 (bits 22…74), c3 (bits 0…21); the bits dropped below W are < 2^exponent
    /// ≤ 2^-127·W·2^exponent. FastTwoSum(c1, c2) = s + t exactly, |t| ≤ ulp(s)/2 ≤ 2^74; fl(t + c3)
    /// errs by ≤ 2^21 ≤ 2^-106·W; the final FastTwoSum is exact.
    @inline(__always)
    static func toDoubleDouble(upper: UInt128, lower: UInt128) -> (Double, Double, Int) {
        let window: UInt128, exponent: Int
        if upper != 0 {
            let z = upper.leadingZeroBitCount
            window = (upper << z) | (lower >> (128 - z))  // Swift's smart shift: lower >> 128 = 0
            exponent = 128 - z
        } else if lower != 0 {
            let z = lower.leadingZeroBitCount
            window = lower << z
            exponent = -z
        } else {
            return (0, 0, 0)
        }
        let c1 = Double(UInt64(truncatingIfNeeded: window >> 75)) * 0x1p75
        let c2 = Double(UInt64(truncatingIfNeeded: window >> 22) & ((1 << 53) - 1)) * 0x1p22
        let c3 = Double(UInt64(truncatingIfNeeded: window) & ((1 << 22) - 1))
        let (s, t) = fastTwoSum(c1, c2)
        let (hi, lo) = fastTwoSum(s, t + c3)
        return (hi, lo, exponent)
    }

    /// x·2^e, exact unless the result leaves Double's normal range (then over- or underflow, the
    /// latter possibly rounded twice, below 2^-1022): two power-of-two factors 2^{e/2}, 2^{e−e/2}
    /// built from their bit patterns, of the same sign of exponent; `scalbn` beyond ±2044.
    @inline(__always)
    static func scaled(_ x: Double, _ e: Int) -> Double {
        if e == 0 { return x }
        guard e >= -2044 && e <= 2046 else { return Foundation.scalbn(x, e) }
        let e1 = e / 2, e2 = e - e1
        return x * Double(bitPattern: UInt64(e1 + 1023) << 52) * Double(bitPattern: UInt64(e2 + 1023) << 52)
    }

    // MARK: - Error-free transformations and threads

    /// s + err = a + b exactly, s = fl(a + b) (Knuth's TwoSum).
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b, bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    /// s + err = a + b exactly when |a| ≥ |b| or a = 0 (Dekker's FastTwoSum).
    @inline(__always)
    static func fastTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        return (s, b - (s - a))
    }

    /// Runs body over column blocks of a rows×cols matrix on all cores (at most 16 blocks, at
    /// least ≈ 16K entries each).
    static func parallel(columns cols: Int, rows: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let blocks = min(cols, 16, max(1, rows * cols / 16_384))
        if blocks <= 1 { body(0..<cols); return }
        DispatchQueue.concurrentPerform(iterations: blocks) { b in body((b * cols / blocks)..<((b + 1) * cols / blocks)) }
    }

    /// Runs body over blocks of 0..<count on all cores.
    static func parallel(count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let blocks = min(16, max(1, count / 16_384))
        if blocks <= 1 { body(0..<count); return }
        DispatchQueue.concurrentPerform(iterations: blocks) { b in body((b * count / blocks)..<((b + 1) * count / blocks)) }
    }
}

/// A pointer handed to `concurrentPerform` tasks, each of which reads or writes a disjoint range.
private struct Shared<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// A non-negative multi-word integer (little-endian 64-bit words): just enough to multiply the
/// moduli exactly and compare their product with 2·n·2^{2k}.
private struct BigUnsigned: Equatable {
    var words: [UInt64]

    static let one = BigUnsigned(words: [1])

    mutating func multiply(by m: UInt64) {
        var carry: UInt64 = 0
        for i in words.indices {
            let p = words[i].multipliedFullWidth(by: m)
            let (low, overflow) = p.low.addingReportingOverflow(carry)
            words[i] = low
            carry = p.high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { words.append(carry) }
    }

    /// self > 2·n·2^bits, for odd self: equivalent to ⌊self / 2^{bits+1}⌋ ≥ n (equality of self
    /// with the even number 2n·2^bits being impossible).
    func exceeds(twiceTimes n: Int, twoToThe bits: Int) -> Bool {
        precondition(words[0] & 1 == 1, "only for odd numbers")
        let shift = bits + 1, wordShift = shift / 64, bitShift = shift % 64
        guard wordShift < words.count else { return false }
        var low = words[wordShift] >> bitShift
        if bitShift > 0 && wordShift + 1 < words.count { low |= words[wordShift + 1] << (64 - bitShift) }
        let higher = words.count > wordShift + 2
            || (wordShift + 1 < words.count && bitShift > 0 && words[wordShift + 1] >> bitShift != 0)
            || (wordShift + 1 < words.count && bitShift == 0 && words[wordShift + 1] != 0)
        return higher || low >= UInt64(n)
    }
}
