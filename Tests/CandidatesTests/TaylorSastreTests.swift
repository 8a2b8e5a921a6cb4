import Foundation
import Testing
import TestSupport
import Linalg
@testable import Candidates

/// taylor-sastre: the published coefficients and selection parameters, the selection's branches, the
/// closed forms, the costs.
@Suite("taylor-sastre")
struct TaylorSastreTests {
    typealias Branch = TaylorSastreBranch
    typealias Parameters = TaylorSastreParameters

    /// The branch's formula expanded as a power series through degree 40 (beyond every formula's degree).
    static func series<T: BLASScalar>(_ b: Branch, _: T.Type) -> PowerSeries<T> {
        TaylorSastreScheme.evaluate(b, on: PowerSeries<T>.variable(degree: 40))
    }

    // MARK: (a) the formulas reproduce 1/k! through their order

    /// v_k·k! − 1 for k ≤ m, for every formula and both precisions.
    ///
    /// Tolerance on |v_k − 1/k!|·k!: 1.5e-15 for the published digits themselves (expanded offline in
    /// 60-digit arithmetic they reproduce 1/k! to a relative 1.2e-15 at worst: T24 at k = 24), plus
    /// (8·u_T + 16·u_Double)·m_k·k!, where m_k is the sum of |contributions| to v_k (carried by
    /// `PowerSeries`): every contribution is a product of at most 6 constants, each rounded to T once
    /// (≤ 6·u_T relative), and v_k is formed through fewer than 16 Double operations on it.
    /// m_k·k! is at most 4.3 (T15+), 2.3 (T21+), 2.9 (T24), 1.02 (T30), 1 (the others): the formulas
    /// cancel little. Measured worst |v_k·k! − 1|: float64 1.1e-15 (T21+), float32 1.1e-7 (T30).
    @Test("each formula's series equals 1/k! through its order", arguments: Branch.allCases, WorkingPrecision.allCases)
    func coefficients(_ b: Branch, _ p: WorkingPrecision) {
        checkCoefficients(b, p.type)
    }

    func checkCoefficients<T: BLASScalar>(_ b: Branch, _: T.Type) {
        let s = Self.series(b, T.self)
        let slack = 8 * unitRoundoff(T.self) + 16 * unitRoundoff(Double.self)
        for k in 0...b.order {
            let departure = abs(s.values[k] * factorial(k) - 1)
            let tolerance = 1.5e-15 + slack * s.magnitudes[k] * factorial(k)
            #expect(departure <= tolerance, "\(b.label) k = \(k): \(departure)")
        }
    }

    /// What happens beyond the order: the polynomial degrees and the first departures from 1/k!, as
    /// expanded from the published digits (the paper's point: 15+ and 21+ spend their free parameters
    /// on the orders below and get the extra degrees approximately).
    @Test("beyond the order: T15+ has degree 16, T21+ degree 24, the others their order")
    func beyondTheOrder() {
        let degree: [Branch: Int] = [.t15Plus: 16, .t21Plus: 24]
        for b in Branch.allCases {
            let s = Self.series(b, Double.self)
            let top = s.values.lastIndex { $0 != 0 }!
            #expect(top == degree[b, default: b.order], "\(b.label)")
        }
        let t15 = Self.series(.t15Plus, Double.self).values
        #expect(abs((t15[16] * factorial(16) - 1) - -0.4542565) < 1e-6)
        let t21 = Self.series(.t21Plus, Double.self).values
        let departures = (22...24).map { t21[$0] * factorial($0) - 1 }
        for (d, expected) in zip(departures, [-0.4368345, -0.2703997, 0.1298481]) {
            #expect(abs(d - expected) < 1e-6, "T21+ departure \(d)")
        }
    }

    // MARK: (b) the selection parameters from their definitions

    /// Closed forms of the Taylor orders: c_m = (m+2)/(m+1), u/|g_{m+2}| = u·m!·(m+2) (m! rounded for
    /// m = 24, 30: a relative 2e-15 is allowed there).
    @Test("c_m and u/|g_{m+2}| of orders 2, 4, 8, 24, 30 are their closed forms")
    func closedFormParameters() {
        let pm = Parameters.float64
        for (i, m) in Parameters.orders.enumerated() where m != 15 && m != 21 {
            #expect(pm.ratio[i] == Double(m + 2) / Double(m + 1), "m = \(m)")
            let closed = 0x1p-53 * factorial(m) * Double(m + 2)
            #expect(abs(pm.uOverG[i] / closed - 1) <= 2e-15, "m = \(m): \(pm.uOverG[i]) vs \(closed)")
        }
        for (single, double) in zip(Parameters.float32.uOverG, pm.uOverG) { #expect(single == double * 0x1p29) }
        #expect(Parameters.float32.ratio == pm.ratio)
    }

    /// g_j for j > m: e^{-x}P(x) − 1 = −e^{-x}·Σ_{k>m} t_k x^k with t_k = 1/k! − v_k the tail of the
    /// formula's series (t_k = 0 for k ≤ m by the order claim, checked above), through degree `top`.
    static func errorSeries(_ b: Branch, through top: Int) -> [Double] {
        let v = series(b, Double.self).values
        let tail = (0...top).map { k in k <= b.order ? 0 : 1 / factorial(k) - (k < v.count ? v[k] : 0) }
        return (0...top).map { j in
            -(0...j).reduce(0.0) { acc, k in acc + tail[k] * ((j - k) % 2 == 0 ? 1 : -1) / factorial(j - k) }
        }
    }

    /// The "especial calculation" of `expmpol.m` for 15+ and 21+: c_m = |g_{m+1}/g_{m+2}| and
    /// u/|g_{m+2}| from the formula's own expansion. Agreement with the published values: relative
    /// 1.2e-12 and 1.1e-13 (15+), 3.9e-12 and 4.4e-13 (21+) — the published digits of the coefficients
    /// limit it (the same computation in 60-digit arithmetic gives the same agreement).
    @Test("c_m and u/|g_{m+2}| of 15+ and 21+ follow from their expansions")
    func especialParameters() {
        let pm = Parameters.float64
        for (b, i) in [(Branch.t15Plus, 3), (.t21Plus, 4)] {
            let m = b.order
            let g = Self.errorSeries(b, through: m + 2)
            #expect(abs(abs(g[m + 1] / g[m + 2]) / pm.ratio[i] - 1) < 1e-11, "\(b.label) c")
            #expect(abs(0x1p-53 / abs(g[m + 2]) / pm.uOverG[i] - 1) < 1e-11, "\(b.label) u/|g|")
        }
    }

    /// Θ_m by its definition (see `TaylorSastreParameters`): the root of Σ_{k>m} |g_k| θ^k = u (forward,
    /// m ≤ 15) or Σ_{k>m} |h_k| θ^k = u·θ with h = log(1 + g) (backward, m ≥ 21), by bisection in Double.
    /// For the Taylor orders g_j = ±1/(m!·(j−1−m)!·j) in closed form; for 15+ and 21+ from the expansion.
    static func theta(order m: Int, branch b: Branch?, u: Double) -> Double {
        let top = m + 110
        var g: [Double]
        if let b, b == .t15Plus || b == .t21Plus {
            g = errorSeries(b, through: top)
        } else {
            g = (0...top).map { j in j <= m ? 0 : 1 / (factorial(m) * factorial(j - 1 - m) * Double(j)) }
        }
        let backward = m >= 21
        if backward {  // log(1 + g) = g − g²/2 + g³/3 − …; g starts at degree m + 1 ≥ 22, so g³ suffices.
            func times(_ p: [Double], _ q: [Double]) -> [Double] {
                var r = [Double](repeating: 0, count: p.count)
                for i in p.indices where p[i] != 0 { for j in 0..<(p.count - i) { r[i + j] += p[i] * q[j] } }
                return r
            }
            let g2 = times(g, g), g3 = times(g2, g)
            g = (0...top).map { g[$0] - g2[$0] / 2 + g3[$0] / 3 }
        }
        func excess(_ t: Double) -> Double {
            var sum = 0.0, power = pow(t, Double(m))
            for k in (m + 1)...top {
                power *= t
                sum += abs(g[k]) * power
            }
            return sum - (backward ? u * t : u)
        }
        var lo = 1e-12, hi = 20.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if excess(mid) > 0 { hi = mid } else { lo = mid }
        }
        return lo
    }

    /// Both precisions' Θ_m recomputed: float64 against the published Table 5 values, float32 against
    /// the values stored (computed offline in 60-digit arithmetic by the same definitions). Agreement:
    /// a relative 1e-13 for the Taylor orders; 1e-11 for 15+ and 21+, whose published Θ came from
    /// coefficients with more digits than published (measured 4.6e-14 and 4.5e-14 in double).
    @Test("Θ_m recomputed from the definitions: published double values, stored single values", arguments: WorkingPrecision.allCases)
    func thetas(_ p: WorkingPrecision) {
        let (pm, u) = p == .float64 ? (Parameters.float64, 0x1p-53) : (Parameters.float32, 0x1p-24)
        let branches: [Int: Branch] = [15: .t15Plus, 21: .t21Plus]
        let theta1 = Self.theta(order: 1, branch: nil, u: u)
        #expect(abs(theta1 / pm.theta1 - 1) < 1e-13, "Θ1 = \(theta1)")
        for (i, m) in Parameters.orders.enumerated() {
            let computed = Self.theta(order: m, branch: branches[m], u: u)
            let tolerance = branches[m] == nil ? 1e-13 : 1e-11
            #expect(abs(computed / pm.theta[i] - 1) < tolerance, "Θ\(m): \(computed) vs \(pm.theta[i])")
        }
    }

    // MARK: (c) branch coverage of the selection, on 1-norms

    /// Runs the selection on given norms ‖A^k‖₁, returning the branch, s and the powers it asked for.
    static func select(_ norms: [Double], _ pm: Parameters) -> (Branch, Int, [Int]) {
        var asked = [Int]()
        let (b, s) = TaylorSastreSelection.choose(norm1: norms[0], parameters: pm) { k in
            asked.append(k)
            return norms[k - 1]
        }
        return (b, s, asked)
    }

    /// The two-term bound of orders[i] as `expmpol.m` writes it (test-side restatement).
    static func bound(_ i: Int, _ a: [Double], _ pm: Parameters, s: Int = 0) -> Bool {
        let (a1, a2) = (a[0], a[1])
        let a3 = a.count > 2 ? a[2] : 0, a4 = a.count > 3 ? a[3] : 0
        let (x, y): (Double, Double)
        switch Parameters.orders[i] {
        case 2: (x, y) = (a1 * a2, a2 * a2)
        case 4: (x, y) = (a2 * a2 * a1, a2 * a2 * a2)
        case 8: (x, y) = (pow(a2, 4) * a1, pow(a2, 5))
        case 15: (x, y) = (pow(a2, 8), pow(a2, 8) * a1)
        case 21:
            (x, y) = (min(pow(a2, 11), pow(a3, 6) * a2 * a2, pow(a3, 7) * a1), min(pow(a2, 10) * a3, pow(a3, 7) * a2))
        case 24: (x, y) = (min(pow(a4, 6) * a1, pow(a3, 7) * a4), min(pow(a4, 6), pow(a3, 8)) * a2)
        default:
            let x31 = min(pow(a4, 7) * a3, pow(a3, 9) * a4)
            (x, y) = (x31, min(pow(a4, 8), pow(a3, 10) * a2, x31 * a1))
        }
        let m = Parameters.orders[i]
        let scale = pow(2.0, Double(-s))
        return pm.ratio[i] * x * pow(scale, Double(m + 1)) + y * pow(scale, Double(m + 2))
            <= max(1, a1 * scale) * pm.uOverG[i]
    }

    /// The value of `varying` (the norm index 1…3) where the bound of orders[i] turns from true to false,
    /// by bisection in log scale (the bound is increasing in every norm).
    static func edge(_ i: Int, _ base: [Double], varying index: Int, _ pm: Parameters) -> Double {
        var lo = 1e-300, hi = 1e300
        for _ in 0..<400 {
            let mid = (lo * hi).squareRoot()
            var a = base
            a[index] = mid
            if bound(i, a, pm) { lo = mid } else { hi = mid }
        }
        return lo
    }

    @Test("Θ1 and each order's bound: just below picks the order, just above the next", arguments: WorkingPrecision.allCases)
    func thresholds(_ p: WorkingPrecision) {
        let pm = p == .float64 ? Parameters.float64 : Parameters.float32
        // T1 at ‖A‖₁ ≤ Θ1 with no power formed; just above, A² is formed.
        #expect(Self.select([pm.theta1, 1e-300], pm) == (.t1, 0, []))
        #expect(Self.select([pm.theta1.nextUp, 1e-300], pm).2 == [2])
        // Orders 2, 4, 8, 15+: ‖A‖₁ = 1/2 (so max(1, ‖A‖₁) = 1), ‖A²‖₁ around each edge.
        let next: [Branch] = [.t2, .t4, .t8, .t15Plus]
        for i in 0..<4 {
            let e = Self.edge(i, [0.5, 0, 1e300, 1e300, 1e300], varying: 1, pm)
            let below = Self.select([0.5, e * (1 - 1e-12), 1e300, 1e300, 1e300], pm)
            let above = Self.select([0.5, e * (1 + 1e-12), 1e300, 1e300, 1e300], pm)
            #expect(below.0 == next[i] && below.2 == [2], "order \(Parameters.orders[i]) below")
            if i < 3 {
                #expect(above.0 == next[i + 1] && above.2 == [2], "order \(Parameters.orders[i]) above")
            } else {
                #expect(above.0 != .t15Plus && above.2.starts(with: [2, 3]), "order 15 above")
            }
        }
        // 21+, 24, 30 on consistent norms (‖A^k‖₁ ≤ t^k, as for a real matrix with ‖A‖₁ = t), t 1.5 times
        // the order-30 edge of ‖A^k‖₁ = t^k, so that every bound fails at ‖A^k‖₁ = t^k.
        let t = 1.5 * Self.rotationEdge(6, pm)
        let power = (1...5).map { pow(t, Double($0)) }
        // 21+: ‖A³‖₁ around its edge.
        let e21 = Self.edge(4, [t, power[1], 0, power[3], power[4]], varying: 2, pm)
        #expect(e21 < power[2])
        #expect(Self.select([t, power[1], e21 * (1 - 1e-12), power[3], power[4]], pm) == (.t21Plus, 0, [2, 3]))
        let past21 = Self.select([t, power[1], e21 * (1 + 1e-12), power[3], power[4]], pm)
        #expect(past21.0 != .t21Plus && past21.2.starts(with: [2, 3, 4]))
        // 24 and 30 without scaling: ‖A⁴‖₁ around each edge; past the order-30 edge, s ≥ 1.
        let base = [t, power[1], power[2], 0, power[4]]
        let e24 = Self.edge(5, base, varying: 3, pm), e30 = Self.edge(6, base, varying: 3, pm)
        #expect(e24 < e30 && e30 < power[3])
        func at(_ a4: Double) -> [Double] { [t, power[1], power[2], a4, power[4]] }
        #expect(Self.select(at(e24 * (1 - 1e-12)), pm) == (.t24, 0, [2, 3, 4]))
        #expect(Self.select(at(e24 * (1 + 1e-12)), pm) == (.t30, 0, [2, 3, 4, 5]))
        #expect(Self.select(at(e30 * (1 - 1e-12)), pm) == (.t30, 0, [2, 3, 4, 5]))
        let scaled = Self.select(at(e30 * (1 + 1e-12)), pm)
        #expect(scaled.1 >= 1, "past the order-30 edge the matrix is scaled: \(scaled)")
    }

    /// The t at which the bound of orders[i] fails for ‖A^k‖₁ = t^k (a rotation by t).
    static func rotationEdge(_ i: Int, _ pm: Parameters) -> Double {
        var lo = 1e-10, hi = 100.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if bound(i, (1...5).map { pow(mid, Double($0)) }, pm) { lo = mid } else { hi = mid }
        }
        return lo
    }

    @Test("nilpotent: A² = 0 → T1, A³ = 0 → T2, A⁴ = 0 → T3, A⁵ = 0 → T4 from the powers, s = 0")
    func nilpotentBranches() {
        for pm in [Parameters.float64, .float32] {
            #expect(Self.select([5, 0], pm) == (.t1, 0, [2]))
            #expect(Self.select([5, 25, 0], pm) == (.t2, 0, [2, 3]))
            #expect(Self.select([5, 25, 125, 0], pm) == (.t3, 0, [2, 3, 4]))
            // A⁵ is formed (and found zero) only where order 30 is chosen, as in `expmpol.m`: with
            // ‖A^k‖₁ = 100^k order 30 is chosen after scaling in both precisions; with 10^{6k} order 24
            // is chosen after scaling (s = 19 in float64, 18 in float32), A⁵ is never formed, and the
            // nilpotency goes unnoticed (T24 squared s times, still accurate).
            #expect(Self.select([100, 1e4, 1e6, 1e8, 0], pm) == (.t4FromPowers, 0, [2, 3, 4, 5]))
            #expect(Self.select([1e6, 1e12, 1e18, 1e24, 0], pm).2 == [2, 3, 4])
        }
    }

    /// On consistent norms (‖A^k‖₁ = t^k, as for a rotation by t), s is the smallest s ≥ 0 at which the
    /// order-30 bound holds for A/2^s, and order 24 is taken exactly when its own bound holds there.
    @Test("scaling: s is the least that satisfies the order-30 bound; T24 iff its bound holds", arguments: WorkingPrecision.allCases)
    func scalingChoice(_ p: WorkingPrecision) {
        let pm = p == .float64 ? Parameters.float64 : Parameters.float32
        var seen = Set<String>()
        for e in stride(from: 0.5, through: 30, by: 0.0625) {
            let t = pow(2.0, e)
            let a = (1...5).map { pow(t, Double($0)) }
            let (b, s, asked) = Self.select(a, pm)
            guard s > 0 else { continue }
            #expect(Self.bound(6, a, pm, s: s) && !Self.bound(6, a, pm, s: s - 1), "t = \(t), s = \(s)")
            #expect((b == .t24) == Self.bound(5, a, pm, s: s), "t = \(t)")
            #expect(asked == (b == .t24 ? [2, 3, 4] : [2, 3, 4, 5]))
            seen.insert("\(b.label)")
        }
        #expect(seen == ["T24", "T30"], "both scaled orders occur")
        // Norms so large that a31 and a32 overflow Double: s from the logs, still the least one.
        let huge = (1...5).map { pow(1e40, Double($0)) }
        let (_, s, _) = Self.select(huge, pm)
        #expect(s == Int((log2(1e40 / pm.theta[6])).rounded(.up)) || s == Int((log2(1e40 / pm.theta[6])).rounded(.up)) - 1)
    }

    // MARK: (d) closed forms

    /// A rotation by θ in each order's band, and in the scaling regime, per precision, with the choice.
    /// Band edges for ‖A^k‖₁ = θ^k — float64: Θ1 = 1.49e-8, then 8.73e-6, 1.68e-3, 6.95e-2, 0.698, 1.735,
    /// 2.310, 3.771; float32: 3.45e-4, then 7.09e-3, 9.21e-2, 0.622, 2.488, 4.377, 5.202, 7.237.
    static let rotationCases: [(WorkingPrecision, Double, String, Int)] = [
        (.float64, 1e-9, "T1", 0), (.float64, 3.6e-7, "T2", 0), (.float64, 1.2e-4, "T4", 0),
        (.float64, 0.0108, "T8", 0), (.float64, 0.22, "T15+", 0), (.float64, 1.1, "T21+", 0),
        (.float64, 2.0, "T24", 0), (.float64, 2.95, "T30", 0), (.float64, 10, "T30", 2),
        (.float64, 100, "T30", 5), (.float64, 1000, "T24", 9),
        (.float32, 1e-4, "T1", 0), (.float32, 1.56e-3, "T2", 0), (.float32, 0.0255, "T4", 0),
        (.float32, 0.24, "T8", 0), (.float32, 1.24, "T15+", 0), (.float32, 3.3, "T21+", 0),
        (.float32, 4.77, "T24", 0), (.float32, 6.1, "T30", 0), (.float32, 10, "T24", 1),
        (.float32, 100, "T30", 4),
    ]

    /// exp(θJ) = [[cos θ, −sin θ], [sin θ, cos θ]].
    ///
    /// Bound: 4·u·2^s·(p̃(θ/2^s) + 1), with p̃ the formula's magnitude polynomial (`PowerSeries`): the
    /// evaluation's rounding is a small multiple of u times p̃ at the scaled norm (2×2 products add γ_2),
    /// truncation is below u, and each of the s squarings of a near-rotation doubles the absolute error
    /// and adds about 2u. Measured error/(u·2^s·p̃): at most 0.63. In units of u, measured: float64 0 to
    /// 17 for θ ≤ 3.77 (T30 unscaled at 3.7: 17), 10 at θ = 10, 187 at 100, 2410 at 1000 (~2θ: the
    /// rotation's own sensitivity); float32 up to 122 at θ = 7 (T30 unscaled: p̃(7) ≈ 1100, i.e. the
    /// unscaled range that u = 2^-24 allows costs cancellation), 1190 at θ = 100.
    @Test("rotations in every band and scaled: choice and accuracy", arguments: 0..<rotationCases.count)
    func rotations(_ index: Int) throws {
        let (p, theta, label, s) = Self.rotationCases[index]
        try checkRotation(p.type, theta, label, s)
    }

    func checkRotation<T: BLASScalar>(_: T.Type, _ theta: Double, _ label: String, _ s: Int) throws {
        let t = T(theta)
        let r = try TaylorSastre<T>().exp(rotationGenerator(t))
        let branch = Branch.allCases.first { $0.label == label }!
        #expect(r.choice == ExpmChoice(approximant: label, degree: branch.order, scaling: s))
        let u = unitRoundoff(T.self)
        let scale = Double(1 << s)
        let bound = 4 * u * scale * (Self.series(branch, T.self).magnitude(at: Double(t) / scale) + 1)
        let error = maxAbsDifference(r.value, rotation(Double(t)))
        #expect(error <= bound, "θ = \(theta): \(error / u) u, bound \(bound / u) u")
    }

    /// exp(A) is the formula on A/2^s squared s times — bitwise: the scaled powers A^k/2^{ks} are
    /// exactly the powers of A/2^s (binary scaling commutes with rounding).
    @Test("scaled results are the formula on A/2^s, squared s times, bitwise", arguments: WorkingPrecision.allCases)
    func scaledIsTheFormula(_ p: WorkingPrecision) throws {
        try checkScaled(p.type)
    }

    func checkScaled<T: BLASScalar>(_: T.Type) throws {
        let a: Matrix<T> = matrix([[0.5, -3, 1.25, 0], [2, 1, -0.75, 4], [0, -1.5, 2.5, 1], [3, 0.25, -2, -1]])
        for factor in [T(1), T(4), T(32)] {
            let x = factor * a
            let r = try TaylorSastre<T>().exp(x)
            let branch = Branch.allCases.first { $0.label == r.choice.approximant }!
            let s = r.choice.scaling!
            var e = TaylorSastreScheme.evaluate(branch, on: T(sign: .plus, exponent: T.Exponent(-s), significand: 1) * x)
            for _ in 0..<s { e = e * e }
            #expect(r.value == e, "factor \(factor): \(r.choice)")
        }
    }

    /// Nilpotent matrices reach the exact short Taylor polynomials: shift matrices with superdiagonal
    /// entry d (‖N^k‖₁ = d^k, large enough that the order bounds fail) of size 2 … 5.
    @Test("nilpotent shifts: exact I + N + … + N^{n−1}/(n−1)!", arguments: WorkingPrecision.allCases)
    func nilpotent(_ p: WorkingPrecision) throws {
        try checkNilpotent(p.type)
    }

    func checkNilpotent<T: BLASScalar>(_: T.Type) throws {
        let cases: [(Int, Double, String, Int)] = [(2, 4, "T1", 1), (3, 4, "T2", 2), (4, 8, "T3", 3), (5, 100, "T4", 4)]
        for (n, d, label, products) in cases {
            let nm = Matrix<T>(order: n) { i, j in j == i + 1 ? T(d) : 0 }
            let (r, counts) = try OperationCounter.counting { try TaylorSastre<T>().exp(nm) }
            #expect(r.choice.approximant == label && r.choice.scaling == 0, "n = \(n): \(r.choice)")
            #expect(counts == OperationCounter.Counts(products: products, solves: 0), "n = \(n)")
            // exp(N)_{i,i+k} = d^k/k!: exact for k ≤ 2 (dyadic), one rounding of /3 and /6 beyond,
            // a few for the nested form of T4: ≤ 4 u relative.
            for i in 0..<n {
                for j in 0..<n {
                    let expected = j >= i ? pow(d, Double(j - i)) / factorial(j - i) : 0
                    let got = Double(r.value[i, j])
                    #expect(abs(got - expected) <= 4 * unitRoundoff(T.self) * expected, "n = \(n) (\(i), \(j))")
                }
            }
        }
    }

    /// exp(diag(λ)) = diag(e^λ), entry by entry through the matrix path.
    ///
    /// Bound on the relative error of entry λ with x = λ/2^s: 4·u·2^s·(p̃(|x|)/e^x + 1) — the rounding
    /// of the formula relative to its value e^x (large for x < 0, where the series alternates), doubled
    /// by each squaring. Measured worst (units of u): float64 334 (diag(20, −20, 1): the e^{-20} entry),
    /// 1550 (diag(−50, 0.1)); float32 2.1e4, 1.2e5 (relative 7e-3 on e^{-50}): a finding, the Taylor
    /// formulas lose relative accuracy on strongly negative eigenvalues (normwise it is harmless).
    @Test("diagonal matrices: exp of each entry", arguments: WorkingPrecision.allCases)
    func diagonals(_ p: WorkingPrecision) throws {
        try checkDiagonals(p.type)
    }

    func checkDiagonals<T: BLASScalar>(_: T.Type) throws {
        let u = unitRoundoff(T.self)
        for ds in [[0.3, -0.2], [1, -1, 0.5], [5, -3], [20, -20, 1], [-50, 0.1]] {
            let d = ds.map { T($0) }
            let r = try TaylorSastre<T>().exp(diagonal(d))
            let branch = Branch.allCases.first { $0.label == r.choice.approximant }!
            let series = Self.series(branch, T.self)
            let scale = Double(1 << r.choice.scaling!)
            for (i, lambda) in d.map(Double.init).enumerated() {
                let exact = Foundation.exp(lambda)
                let x = lambda / scale
                let relative = abs(Double(r.value[i, i]) / exact - 1)
                let bound = 4 * u * scale * (series.magnitude(at: abs(x)) / Foundation.exp(x) + 1)
                #expect(relative <= bound, "\(ds) entry \(i): \(relative / u) u, bound \(bound / u) u")
                for j in 0..<d.count where j != i { #expect(r.value[i, j] == 0) }
            }
        }
    }

    /// A 1-norm error bound for a non-normal n×n A with the chosen branch: 4n·u·2^s·(p̃(‖A‖₁/2^s) + 1)
    /// for the formula (γ_n per product), times e^{‖A‖₁} for the squarings (‖X^{2^s} − Y^{2^s}‖ ≤
    /// 2^s·‖X − Y‖·max(‖X‖, ‖Y‖)^{2^s − 1} with ‖X‖ ≤ e^{‖A‖₁/2^s}).
    static func normwiseBound<T: BLASScalar>(_ r: ExpmResult<T>, norm: Double, n: Int) -> Double {
        let branch = Branch.allCases.first { $0.label == r.choice.approximant }!
        let scale = Double(1 << r.choice.scaling!)
        let p = series(branch, T.self).magnitude(at: norm / scale)
        return 4 * Double(n) * unitRoundoff(T.self) * scale * (p + 1) * Foundation.exp(norm)
    }

    static func sample<T: BLASScalar>(_: T.Type, scale: Double) -> Matrix<T> {
        let rows = [[0.5, -0.75, 0.25, 0.125], [0.25, 0.25, -0.5, 0.375], [-0.125, 0.5, 0.125, -0.25], [0.375, 0, -0.25, 0.5]]
        return matrix(rows.map { $0.map { $0 * scale } })
    }

    @Test("exp(Aᵀ) = exp(A)ᵀ and exp(A)·exp(−A) = I within the error bounds", arguments: WorkingPrecision.allCases, [0.5, 2.0, 5.0])
    func identities(_ p: WorkingPrecision, _ scale: Double) throws {
        try checkIdentities(p.type, scale)
    }

    func checkIdentities<T: BLASScalar>(_: T.Type, _ scale: Double) throws {
        let a = Self.sample(T.self, scale: scale)
        let candidate = TaylorSastre<T>()
        let e = try candidate.exp(a), et = try candidate.exp(a.transposed), em = try candidate.exp(-a)
        let bound = Self.normwiseBound(e, norm: Double(a.norm1), n: 4)
        let boundT = Self.normwiseBound(et, norm: Double(a.transposed.norm1), n: 4)
        let boundM = Self.normwiseBound(em, norm: Double(a.norm1), n: 4)
        #expect(Double((et.value - e.value.transposed).norm1) <= bound + boundT, "\(e.choice) / \(et.choice)")
        let product = e.value * em.value
        let growth = Foundation.exp(Double(a.norm1))
        let defect = Double(product.addingDiagonal(-1).norm1)
        #expect(defect <= (bound + boundM) * growth + 4 * unitRoundoff(T.self) * growth * growth, "\(defect)")
    }

    // MARK: (e) costs

    /// Products by branch: A² (1), A³ (2), A⁴ (3), A⁵ (4) as needed, then 0 (T1, T2), 1 (T4), 2 (T8),
    /// 3 (T15+, T21+, T24, T30) for the formula, then s squarings. Never a solve.
    @Test("products: T1 0, T2 1, T4 2, T8 3, T15+ 4, T21+ 5, T24 6, T30 7, plus s; no solve", arguments: 0..<rotationCases.count)
    func products(_ index: Int) throws {
        let (p, theta, label, s) = Self.rotationCases[index]
        try checkProducts(p.type, theta, label, s)
    }

    func checkProducts<T: BLASScalar>(_: T.Type, _ theta: Double, _ label: String, _ s: Int) throws {
        let cost = ["T1": 0, "T2": 1, "T4": 2, "T8": 3, "T15+": 4, "T21+": 5, "T24": 6, "T30": 7][label]!
        let (r, counts) = try OperationCounter.counting { try TaylorSastre<T>().exp(rotationGenerator(T(theta))) }
        #expect(r.choice.approximant == label && r.choice.scaling == s)
        #expect(counts == OperationCounter.Counts(products: cost + s, solves: 0), "\(label), s = \(s)")
    }

    /// Finding, recorded: the published algorithm scales the powers it formed from the unscaled A, so a
    /// power that overflows makes the result non-finite although exp(A) is a rotation. Float: a rotation
    /// by 1e8 needs A⁵ (order 30, s = 24) and A⁵ ≈ 1e40 overflows; by 1e10 already A⁴ overflows, the
    /// bounds are infinite and s = 0. No trap in either.
    @Test("overflowing powers: non-finite result, no trap")
    func overflowingPowers() throws {
        let r8 = try TaylorSastre<Float>().exp(rotationGenerator(Float(1e8)))
        #expect(r8.choice == ExpmChoice(approximant: "T30", degree: 30, scaling: 24) && !r8.value.isFinite)
        let r10 = try TaylorSastre<Float>().exp(rotationGenerator(Float(1e10)))
        #expect(r10.choice == ExpmChoice(approximant: "T30", degree: 30, scaling: 0) && !r10.value.isFinite)
    }

    @Test("0×0 returns itself, 1×1 the scalar exp, both without products")
    func trivialSizes() throws {
        let (empty, n0) = try OperationCounter.counting { try TaylorSastre<Double>().exp(Matrix(rows: 0, cols: 0)) }
        #expect(empty.value.rows == 0 && empty.choice == ExpmChoice(approximant: "empty", degree: nil, scaling: 0))
        let (one, n1) = try OperationCounter.counting { try TaylorSastre<Float>().exp(Matrix(rows: 1, cols: 1, elements: [2])) }
        #expect(one.value.elements == [ScalarExponential.exp(Float(2))])
        #expect(n0 == .init() && n1 == .init())
    }

    @Test("registered: both precisions in the registry, every branch in the scheme catalog")
    func registered() {
        #expect(CandidateRegistry.nativeCandidates.filter { $0.name == "taylor-sastre" }.map(\.id)
            == ["taylor-sastre@float32", "taylor-sastre@float64"])
        let schemes = SchemeCatalog.all.filter { $0.candidate == "taylor-sastre" }
        #expect(schemes.map(\.label) == ["T1", "T2", "T3", "T4", "T4(A^5=0)", "T8", "T15+", "T21+", "T24", "T30"])
        #expect(schemes.map(\.target.orderOfAgreement) == [1, 2, 3, 4, 4, 8, 15, 21, 24, 30])
        #expect(schemes.first { $0.label == "T15+" }!.maxNorm(precision: .float64) == 6.925462617470704e-01)
    }
}
