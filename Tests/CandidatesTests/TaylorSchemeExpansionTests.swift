import Foundation
import Testing
import TestSupport
import Linalg
@testable import Candidates

/// One scheme of the Taylor family, the degree it claims, and the relative uncertainty δ its printed
/// scalars carry before they are rounded to the working precision.
struct TaylorSchemeCase: Sendable, CustomStringConvertible {
    var label: String
    var degree: Int
    /// δ: 0 where the scalars are exact or correctly rounded from a closed form; 5e-16 for the printed
    /// T12/T18 tables (20 decimal places; the smallest entries that matter, |b| ≈ 1.4e-5, are thus known
    /// to 0.5e-20/1.39e-5 = 3.6e-16 relative; the two tiny T12 entries 9.0198e-16 and −2.086e-13 are
    /// known to 5e-21 absolute, which moves no coefficient by more than 1e-20).
    var printedDigits: Double
    var precision: WorkingPrecision
    var description: String { "\(label) in \(precision)" }

    static let schemes: [(String, Int, Double)] = [
        ("T1", 1, 0), ("T2", 2, 0), ("T4", 4, 0), ("T8", 8, 0), ("T12", 12, 5e-16), ("T18", 18, 5e-16),
        ("T12-paper", 12, 5e-16), ("T12-naive", 12, 0),
    ]

    static let all: [TaylorSchemeCase] = WorkingPrecision.allCases.flatMap { p in
        schemes.map { TaylorSchemeCase(label: $0.0, degree: $0.1, printedDigits: $0.2, precision: p) }
    }

    func expand<K: BLASScalar>(_: K.Type) -> TaylorSeries<K> {
        let x = TaylorSeries<K>.variable
        switch label {
        case "T1": return TaylorBBC18Scheme.t1(x)
        case "T2": return TaylorBBC18Scheme.t2(x)
        case "T4": return TaylorBBC18Scheme.t4(x)
        case "T8": return TaylorBBC18Scheme.t8(x)
        case "T12": return TaylorBBC18Scheme.t12(x)
        case "T18": return TaylorBBC18Scheme.t18(x)
        case "T12-paper": return TaylorBBC18Scheme.t12(x, coefficients: PaperTables.t12)
        case "T12-naive": return TaylorNaiveScheme.horner(x, degree: 12)
        default: preconditionFailure("unknown scheme \(label)")
        }
    }
}

/// The paper's own tables (Bader, Blanes & Casas 2019), as transcribed in GraphMatFun.jl
/// (src/generators/bbc_exp.jl, `graph_bbc_exp`, which states they are copied from the paper), laid out
/// as `TaylorBBC18Scheme` reads them: row i − 1 holds B_i's coefficients of I, A, A², A³ (and A⁶ for T18).
/// The paper names them a_{j,i} (T12) and a_{j,1}, b_{j,i} (T18, j = 0, 1, 2, 3, 6).
enum PaperTables {
    static let t12: [[Double]] = [
        [-0.01860232051462055322, -0.00500702322573317730, -0.57342012296052226390, -0.13339969394389205970],
        [4.60000000000000000000, 0.99287510353848683614, -0.13244556105279963884, 0.00172990000000000000],
        [0.21169311829980944294, 0.15822438471572672537, 0.16563516943672741501, 0.01078627793157924250],
        [0, -0.13181061013830184015, -0.02027855540589259079, -0.00675951846863086359],
    ]

    static let t18: [[Double]] = [
        [0, -0.10036558103014462001, -0.00802924648241156960, -0.00089213849804572995, 0],
        [0, 0.39784974949964507614, 1.36783778460411719922, 0.49828962252538267755, -0.00063789819459472330],
        [-10.9676396052962062593, 1.68015813878906197182, 0.05717798464788655127, -0.00698210122488052084,
         0.00003349750170860705],
        [-0.09043168323908105619, -0.06764045190713819075, 0.06759613017704596460, 0.02955525704293155274,
         -0.00001391802575160607],
        [0, 0, -0.09233646193671185927, -0.01693649390020817171, -0.00001400867981820361],
    ]
}

@Suite("Taylor schemes expand to 1/k!")
struct TaylorSchemeExpansionTests {
    /// The scheme, run on a power series with its scalars rounded to the working precision, has
    /// c_k = 1/k! for k ≤ m within the effect of that rounding, and c_k = 0 exactly for m < k ≤ 20 (so it
    /// IS the degree-m Taylor polynomial, not a longer approximation).
    ///
    /// Tolerance on |c_k·k! − 1|: every scalar carries a relative error ρ = u + δ (rounding to K, plus δ
    /// from the printed digits, see `TaylorSchemeCase.printedDigits`), no term of any scheme here is a
    /// product of more than p = 4 scalars (T18: (B3 + A9)·A9 with A9 ∋ B1·B5), so the departure is at most
    /// 4·ρ·m_k·k! to first order, m_k being the sum of |terms| feeding x^k (`TaylorSeries.magnitudes`).
    /// Plus 1e-28 for the double-double arithmetic. A wrong scalar (such as mlx-proposal-t8's x7) shows up
    /// as a departure of order 1e-2 to 1e-1, many orders above this.
    ///
    /// Measured, in units of u·m_k·k! (float64 / float32): T4 0.5 / 0.5; T8 0.83 / 0.32; T12 1.95 / 1.76
    /// (the paper's T12 the same: the largest departure is at k = 12, whose coefficient b_33⁴ both sets
    /// share); T18 ≤ 3.4 for k ≤ 15 and 8.5 for k = 16 … 18 in float64 (the printed digits, see
    /// `TaylorBBC18Coefficients.t18`), 0.50 in float32; naive ~1e-32 absolute (exact integer divisors,
    /// only the double-double rounding).
    @Test("c_k = 1/k! through the degree, 0 beyond", arguments: TaylorSchemeCase.all)
    func reproducesTaylor(_ scheme: TaylorSchemeCase) {
        check(scheme, scheme.precision.type)
    }

    func check<K: BLASScalar>(_ scheme: TaylorSchemeCase, _: K.Type) {
        let series = scheme.expand(K.self)
        let rho = unitRoundoff(K.self) + scheme.printedDigits
        for k in 0...TaylorSeries<K>.order {
            let c = series.coefficients[k]
            if k <= scheme.degree {
                let departure = departureFromTaylor(c, k)
                let tolerance = 4 * rho * series.magnitudes[k] * factorial(k) + 1e-28
                #expect(abs(departure) <= tolerance, "c_\(k)·\(k)! − 1 = \(departure), tolerance \(tolerance)")
            } else {
                #expect(c == .zero && series.magnitudes[k] == 0, "c_\(k) = \(c) beyond degree \(scheme.degree)")
            }
        }
    }

    /// The cancellation figures quoted in the sources: max_k m_k·k! is 1.80 for PyTorch's T12 and 3.41
    /// for the paper's (both at k = 2; the reason given in `TaylorBBC18Coefficients.t12` for following
    /// PyTorch), and 6.35 for T18 (k = 3; see `TaylorBBC18Fixed`).
    @Test("cancellation: max m_k·k! is 1.80 (T12, PyTorch), 3.41 (T12, paper), 6.35 (T18)")
    func cancellation() {
        func worst(_ s: TaylorSeries<Double>, _ m: Int) -> Double { (0...m).map { s.magnitudes[$0] * factorial($0) }.max()! }
        let x = TaylorSeries<Double>.variable
        let pytorch = worst(TaylorBBC18Scheme.t12(x), 12)
        let paper = worst(TaylorBBC18Scheme.t12(x, coefficients: PaperTables.t12), 12)
        let t18 = worst(TaylorBBC18Scheme.t18(x), 18)
        #expect(abs(pytorch - 1.804) < 0.01, "PyTorch set: \(pytorch)")
        #expect(abs(paper - 3.406) < 0.01, "paper set: \(paper)")
        #expect(abs(t18 - 6.350) < 0.01, "T18: \(t18)")
    }

    /// PyTorch's T18 digits (21 significant) and the paper's (20 decimal places) are the same solution:
    /// every entry rounds to the same Double and the same Float.
    @Test("T18: PyTorch's and the paper's digits round to the same Double and Float")
    func t18SameValues() {
        for (i, row) in TaylorBBC18Coefficients.t18.enumerated() {
            for (j, v) in row.enumerated() {
                let printed = PaperTables.t18[i][j]
                #expect(v == printed, "b[\(i)][\(j)]: \(v) vs \(printed)")
                #expect(Float(v) == Float(printed))
            }
        }
    }

    /// The T8 scalars in Double equal the correctly rounded values of their closed forms, given here to
    /// 25 digits (evaluated at 40 digits with mpmath from (a + b·√177)/d while writing this test).
    @Test("T8 scalars are the correctly rounded closed forms")
    func t8Scalars() {
        typealias C = TaylorBBC18Coefficients
        #expect(C.x1 == 0.1083646567852278085230760)
        #expect(C.x2 == 0.02709116419630695213076900)
        #expect(C.x3 == 2.0 / 3.0)
        #expect(C.x4 == 0.5467614579707240525063566)
        #expect(C.x5 == 0.1611255733954175928279837)
        #expect(C.x6 == 0.01409091715837820773080546)
        #expect(C.x7 == 0.03379279701087050414060445)
        #expect(C.y2 == 0.1354923613528506316624289)
        // The paper's x7, not mlx-proposal-t8's (which is x3 = 2/3 times it).
        #expect(abs(C.x7 * (2.0 / 3.0) - MLXProposalT8Coefficients.x7) < 1e-17)
    }

    // MARK: T8 exactly, in ℚ(√177)

    /// T8's closed form expanded in exact arithmetic in ℚ(√177): c_k = 1/k! exactly for k ≤ 8 with the
    /// paper's x7 = (89 − √177)/(5040·x3²); with 5040·x3 instead (mlx-proposal-t8's x7), exact through
    /// k = 4 and wrong from k = 5. This checks the mathematics of the closed forms; the test above checks
    /// the code that uses their rounded values.
    @Test("T8 closed form: c_k = 1/k! exactly for k ≤ 8 (paper's x7), only k ≤ 4 with 5040·x3")
    func t8Exact() throws {
        let x3 = QuadraticNumber(Fraction(2, 3))
        let r = QuadraticNumber(Fraction(0), Fraction(1))  // √177
        let one = QuadraticNumber(Fraction(1))
        func q(_ n: Int) -> QuadraticNumber { QuadraticNumber(Fraction(n)) }
        let x1 = try x3 * (one + r) / q(88)
        let x2 = try x3 * (one + r) / q(352)
        let x4 = try (q(-271) + q(29) * r) / (q(315) * x3)
        let x5 = try q(11) * (q(-1) + r) / (q(1260) * x3)
        let x6 = try q(11) * (q(-9) + r) / (q(5040) * x3)
        let x7 = try (q(89) - r) / (q(5040) * x3 * x3)
        let y2 = try (q(857) - q(58) * r) / q(630)
        let postedX7 = try (q(89) - r) / (q(5040) * x3)

        func t8(_ x7: QuadraticNumber) throws -> [QuadraticNumber] {
            // Polynomials in x as coefficient arrays, truncated at degree 8 (T8 has degree 8).
            let a = [q(0), one], a2 = [q(0), q(0), one]
            let a4 = try product(a2, try sum([scaled(x1, a), scaled(x2, a2)]))
            let left = try sum([scaled(x3, a2), a4])
            let right = try sum([[x4], scaled(x5, a), scaled(x6, a2), scaled(x7, a4)])
            return try sum([[one], a, scaled(y2, a2), try product(left, right)])
        }

        let paper = try t8(x7)
        let posted = try t8(postedX7)
        for k in 0...8 {
            let exact = QuadraticNumber(Fraction(1, Int(factorial(k))))
            #expect(paper[k] == exact, "paper's T8: c_\(k) = \(paper[k])")
            if k <= 4 { #expect(posted[k] == exact, "5040·x3: c_\(k)") } else { #expect(posted[k] != exact, "5040·x3: c_\(k)") }
        }
    }
}

// MARK: Exact arithmetic for the T8 check

/// Errors of the exact arithmetic: an Int overflow voids the check rather than wrapping silently.
enum ExactArithmeticError: Error { case overflow, divisionByZero }

/// p/q in lowest terms with q > 0, Int numerator and denominator, overflow reported.
struct Fraction: Equatable, CustomStringConvertible {
    var p: Int
    var q: Int

    init(_ p: Int, _ q: Int = 1) {
        let g = Fraction.gcd(abs(p), abs(q))
        let sign = q < 0 ? -1 : 1
        self.p = sign * p / max(g, 1)
        self.q = sign * q / max(g, 1)
    }

    var description: String { q == 1 ? "\(p)" : "\(p)/\(q)" }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    static func checked(_ r: (partialValue: Int, overflow: Bool)) throws -> Int {
        if r.overflow { throw ExactArithmeticError.overflow }
        return r.partialValue
    }

    static func + (a: Fraction, b: Fraction) throws -> Fraction {
        let g = gcd(a.q, b.q)
        let l = try checked((a.q / g).multipliedReportingOverflow(by: b.q))
        let x = try checked(a.p.multipliedReportingOverflow(by: l / a.q))
        let y = try checked(b.p.multipliedReportingOverflow(by: l / b.q))
        return Fraction(try checked(x.addingReportingOverflow(y)), l)
    }

    static func * (a: Fraction, b: Fraction) throws -> Fraction {
        // Cross-reduce first to keep the numbers small.
        let g1 = max(gcd(abs(a.p), b.q), 1), g2 = max(gcd(abs(b.p), a.q), 1)
        let p = try checked((a.p / g1).multipliedReportingOverflow(by: b.p / g2))
        let q = try checked((a.q / g2).multipliedReportingOverflow(by: b.q / g1))
        return Fraction(p, q)
    }

    var negated: Fraction { Fraction(-p, q) }
}

/// a + b·√177 with rational a, b.
struct QuadraticNumber: Equatable, CustomStringConvertible {
    var a: Fraction
    var b: Fraction

    init(_ a: Fraction, _ b: Fraction = Fraction(0)) { (self.a, self.b) = (a, b) }

    var description: String { "\(a) + \(b)·√177" }

    static func + (x: QuadraticNumber, y: QuadraticNumber) throws -> QuadraticNumber {
        QuadraticNumber(try x.a + y.a, try x.b + y.b)
    }

    static func - (x: QuadraticNumber, y: QuadraticNumber) throws -> QuadraticNumber {
        QuadraticNumber(try x.a + y.a.negated, try x.b + y.b.negated)
    }

    static func * (x: QuadraticNumber, y: QuadraticNumber) throws -> QuadraticNumber {
        let real = try (x.a * y.a) + (try Fraction(177) * (try x.b * y.b))
        let irrational = try (x.a * y.b) + (try x.b * y.a)
        return QuadraticNumber(real, irrational)
    }

    /// x/y = x·(c − d√177)/(c² − 177d²) for y = c + d√177.
    static func / (x: QuadraticNumber, y: QuadraticNumber) throws -> QuadraticNumber {
        let norm = try (y.a * y.a) + (try Fraction(-177) * (try y.b * y.b))
        guard norm.p != 0 else { throw ExactArithmeticError.divisionByZero }
        let inverse = QuadraticNumber(try y.a * Fraction(norm.q, norm.p), try y.b.negated * Fraction(norm.q, norm.p))
        return try x * inverse
    }
}

/// Σ of coefficient arrays (polynomials in x), padded to the longest.
private func sum(_ ps: [[QuadraticNumber]]) throws -> [QuadraticNumber] {
    let n = ps.map(\.count).max()!
    var r = [QuadraticNumber](repeating: QuadraticNumber(Fraction(0)), count: n)
    for p in ps { for (i, c) in p.enumerated() { r[i] = try r[i] + c } }
    return r
}

/// c·p.
private func scaled(_ c: QuadraticNumber, _ p: [QuadraticNumber]) throws -> [QuadraticNumber] {
    try p.map { try c * $0 }
}

/// p·q truncated at degree 8.
private func product(_ p: [QuadraticNumber], _ q: [QuadraticNumber]) throws -> [QuadraticNumber] {
    var r = [QuadraticNumber](repeating: QuadraticNumber(Fraction(0)), count: min(p.count + q.count - 1, 9))
    for (i, a) in p.enumerated() {
        for (j, b) in q.enumerated() where i + j < r.count { r[i + j] = try r[i + j] + (try a * b) }
    }
    return r
}
