import Linalg
import Reference

/// One fixed test matrix from the matrix-exponential literature, a library's test suite or a
/// bug report: entries as the source gives them (row-major here, for readability), its citation,
/// notes on expected behaviour and on published values, and its exponential in closed form
/// where one exists.
public struct LiteratureMatrix: Sendable {
    /// The id suffix: the case id is `literature-<name>`.
    public let name: String
    /// Where the matrix comes from (paper and example, repository file and test, or issue URL).
    public let source: String
    /// Expected behaviour, structure, and any known disagreement of published values.
    public let note: String
    /// Rows of the matrix, as given by the source (Double expressions evaluated as the source does).
    let rows: [[Double]]
    /// exp(A) in closed form, evaluated in MPFR at the given precision; nil when there is none.
    let closedForm: (@Sendable (_ bits: Int) -> MPMatrix)?

    public var order: Int { rows.count }

    /// Column-major `Matrix`.
    public var matrix: Matrix<Double> { Matrix(order: order) { i, j in rows[i][j] } }

    /// True when every entry is a Float number (else Float candidates see a rounded matrix).
    public var isFloatRepresentable: Bool { rows.allSatisfy { $0.allSatisfy { Double(Float($0)) == $0 } } }

    public var hasClosedForm: Bool { closedForm != nil }

    /// The closed form at `bits` bits, or nil.
    public func exactExponential(bits: Int) -> MPMatrix? { closedForm?(bits) }
}

// MARK: - Closed-form building blocks (all arithmetic in MPFR at `bits` bits)

/// Small helpers to write closed forms: constants, square roots, and matrix assembly.
struct ClosedForm {
    let bits: Int

    func c(_ x: Double) -> MPFloat { MPFloat(x, precision: bits) }
    func c(_ x: Int) -> MPFloat { MPFloat(x, precision: bits) }
    func exp(_ x: Double) -> MPFloat { c(x).exp() }

    /// √x for x ≥ 0 by Newton's iteration from the Double root: each step doubles the correct
    /// bits (53 → 106 → …), so ⌈log₂(bits/50)⌉ + 2 steps reach full precision.
    func sqrt(_ x: MPFloat) -> MPFloat {
        if x.isZero { return c(0) }
        var y = c(x.double.squareRoot())
        let half = c(0.5)
        var steps = 2
        var b = 50
        while b < bits { b *= 2; steps += 1 }
        for _ in 0..<steps { y = half * (y + x / y) }
        return y
    }

    func matrix(_ m: [[MPFloat]]) -> MPMatrix {
        let r = MPMatrix(order: m.count, precision: bits)
        for i in m.indices { for j in m.indices { r[i, j] = m[i][j] } }
        return r
    }

    func matrix(_ a: [[Double]]) -> MPMatrix { matrix(a.map { $0.map { c($0) } }) }

    /// a − λI.
    func shifted(_ a: [[Double]], _ lambda: Double) -> MPMatrix {
        let m = matrix(a)
        m.addIdentity(times: -c(lambda))
        return m
    }

    /// Sylvester's formula exp(A) = Σᵢ e^{λᵢ} Πⱼ≠ᵢ (A − λⱼI)/(λᵢ − λⱼ), valid when A is
    /// diagonalisable and `lambdas` are its distinct eigenvalues (exact Doubles).
    func sylvester(_ a: [[Double]], _ lambdas: [Double]) -> MPMatrix {
        let n = a.count
        let sum = MPMatrix(order: n, precision: bits)
        for (i, li) in lambdas.enumerated() {
            var p = MPMatrix.identity(order: n, precision: bits)
            var denominator = c(1)
            for (j, lj) in lambdas.enumerated() where j != i {
                p = p * shifted(a, lj)
                denominator = denominator * (c(li) - c(lj))
            }
            sum.add(p, times: exp(li) / denominator)
        }
        return sum
    }

    /// exp(A) when the minimal polynomial is (x − λ)²(x − μ), λ ≠ μ (Hermite interpolation):
    /// e^λ·I + e^λ·(A − λI) + γ·(A − λI)², γ = (e^μ − e^λ·(1 + μ − λ))/(μ − λ)².
    func confluent(_ a: [[Double]], double lambda: Double, simple mu: Double) -> MPMatrix {
        let n = a.count
        let el = exp(lambda), d = c(mu) - c(lambda)
        let gamma = (exp(mu) - el * (c(1) + d)) / (d * d)
        let b = shifted(a, lambda)
        let r = MPMatrix(order: n, precision: bits)
        r.addIdentity(times: el)
        r.add(b, times: el)
        r.add(b * b, times: gamma)
        return r
    }

    /// exp of an upper (or, transposed, lower) triangular 2×2 [[a, b], [0, d]]:
    /// [[e^a, b·(e^a − e^d)/(a − d)], [0, e^d]], with b·e^a when a = d.
    func triangular2(_ a: Double, _ b: Double, _ d: Double, lower: Bool = false) -> MPMatrix {
        let ea = exp(a), ed = exp(d)
        let off = a == d ? c(b) * ea : c(b) * (ea - ed) / (c(a) - c(d))
        let zero = c(0)
        return lower ? matrix([[ea, zero], [off, ed]]) : matrix([[ea, off], [zero, ed]])
    }

    /// exp of a general real 2×2 [[a, b], [c, d]] with t = (a + d)/2, δ = ((a − d)/2)² + bc:
    /// e^t·(cosh μ·I + sinh μ/μ·(A − tI)), μ = √δ (δ > 0); cos ν and sin ν/ν, ν = √−δ (δ < 0);
    /// e^t·(I + (A − tI)) (δ = 0). Accurate when e^t·e^μ does not swamp the result through
    /// cancellation (callers use it only where |(a − d)/2| and |b|,|c| keep that harmless).
    func general2(_ a: Double, _ b: Double, _ cc: Double, _ d: Double) -> MPMatrix {
        let t = (c(a) + c(d)) * c(0.5)
        let h = (c(a) - c(d)) * c(0.5)
        let delta = h * h + c(b) * c(cc)
        let et = t.exp()
        var even: MPFloat, odd: MPFloat
        if delta.isZero {
            even = c(1); odd = c(1)
        } else if c(0) < delta {
            let mu = sqrt(delta)
            let ep = mu.exp(), em = (-mu).exp()
            even = (ep + em) * c(0.5)
            odd = (ep - em) * c(0.5) / mu
        } else {
            let nu = sqrt(-delta)
            even = nu.cos()
            odd = nu.sin() / nu
        }
        let m = [[even + odd * h, odd * c(b)], [odd * c(cc), even - odd * h]]
        return matrix(m.map { $0.map { et * $0 } })
    }
}

private func cf(_ f: @escaping @Sendable (ClosedForm) -> MPMatrix) -> (@Sendable (Int) -> MPMatrix) {
    { bits in f(ClosedForm(bits: bits)) }
}

// MARK: - The catalog

/// The literature family: every matrix once, in this order. Numbers are taken from the cited
/// sources; the code is this project's own.
public enum LiteratureCatalog {
    public static func entry(named name: String) -> LiteratureMatrix? { byName[name] }

    private static let byName: [String: LiteratureMatrix] =
        Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Burkardt TEST_MATRIX_EXPONENTIAL as mirrored in scipy's tests.
    static let burkardt = "Burkardt, TEST_MATRIX_EXPONENTIAL (johannesgerer/jburkardt-cpp test_matrix_exponential/test_matrix_exponential.cpp, r8mat_exp_a)"
    static let scipyTests = "scipy/scipy scipy/sparse/linalg/tests/test_matfuncs.py"

    public static let all: [LiteratureMatrix] = [
        /// Burkardt test 1 (diagonal). exp = diag(e, e²).
        LiteratureMatrix(
            name: "burkardt01-diagonal", source: "\(burkardt) test 1; \(scipyTests) test_burkardt_1",
            note: "diagonal; exp = diag(e, e^2)",
            rows: [[1, 0], [0, 2]],
            closedForm: cf { $0.sylvester([[1, 0], [0, 2]], [1, 2]) }),
        /// Burkardt test 2 (symmetric). exp = e^{3/2}(cosh μ·I + sinh μ/μ·(A − 3/2·I)), μ = √37/2.
        LiteratureMatrix(
            name: "burkardt02-symmetric", source: "\(burkardt) test 2; \(scipyTests) test_burkardt_2",
            note: "symmetric, eigenvalues (3 ± √37)/2; published exp is not symmetric in its last digits "
                + "(46.166301438885753 vs 46.166301438885768): rounding of the published table",
            rows: [[1, 3], [3, 2]],
            closedForm: cf { $0.general2(1, 3, 3, 2) }),
        /// Burkardt test 3 (Laub). Eigenvalues −1, −39:
        /// exp = [[39e⁻¹ − e⁻³⁹, e⁻¹ − e⁻³⁹], [−39(e⁻¹ − e⁻³⁹), 39e⁻³⁹ − e⁻¹]]/38.
        LiteratureMatrix(
            name: "burkardt03-laub", source: "\(burkardt) test 3 (Laub, SIAM Review 52(4) 2010); \(scipyTests) test_burkardt_3",
            note: "eigenvalues −1, −39; Burkardt's C++ table gives 8 digits and stores it transposed "
                + "(column-major array filled row by row: [[0.37756048, −0.37756048], [0.00968104, −0.00968104]]); "
                + "scipy's closed form is the correct orientation",
            rows: [[0, 1], [-39, -40]],
            closedForm: cf { $0.sylvester([[0, 1], [-39, -40]], [-1, -39]) }),
        /// Moler & Van Loan (1978/2003) example, Burkardt test 4. Eigenvalues −1, −17:
        /// exp = [[3e⁻¹⁷ − 2e⁻¹, 1.5(e⁻¹ − e⁻¹⁷)], [4(e⁻¹⁷ − e⁻¹), 3e⁻¹ − 2e⁻¹⁷]].
        LiteratureMatrix(
            name: "moler-vanloan-49-24", source: "Moler & Van Loan, Nineteen dubious ways…, SIAM Review 20 (1978) and 45 (2003), §1 example; \(burkardt) test 4; \(scipyTests) test_burkardt_4",
            note: "eigenvalues −1, −17; Taylor series suffers cancellation (‖A‖ large, exp small); MVL print 6 digits",
            rows: [[-49, 24], [-64, 31]],
            closedForm: cf { $0.sylvester([[-49, 24], [-64, 31]], [-1, -17]) }),
        /// Burkardt test 5 (Moler & Van Loan): 6× the 4×4 shift. exp = I + A + A²/2 + A³/6 (1, 6, 18, 36).
        LiteratureMatrix(
            name: "burkardt05-nilpotent", source: "\(burkardt) test 5 (Moler & Van Loan); \(scipyTests) test_burkardt_5",
            note: "nilpotent (A^4 = 0); exp has 1, 6, 18, 36 on the diagonals, exactly",
            rows: [[0, 6, 0, 0], [0, 0, 6, 0], [0, 0, 0, 6], [0, 0, 0, 0]],
            closedForm: cf { f in f.matrix([[1, 6, 18, 36], [0, 1, 6, 18], [0, 0, 1, 6], [0, 0, 0, 1]]) }),
        /// Burkardt test 6 (Moler & Van Loan): Jordan block. exp = e·[[1, 1], [0, 1]].
        LiteratureMatrix(
            name: "burkardt06-jordan", source: "\(burkardt) test 6 (Moler & Van Loan); \(scipyTests) test_burkardt_6",
            note: "defective (2×2 Jordan block of 1); eigenvector methods fail",
            rows: [[1, 1], [0, 1]],
            closedForm: cf { $0.triangular2(1, 1, 1) }),
        /// Burkardt test 7 as in scipy: [[1+ε, 1], [0, 1−ε]], ε = 2⁻⁵².
        /// exp = [[e^{1+ε}, (e^{1+ε} − e^{1−ε})/(2ε)], [0, e^{1−ε}]].
        LiteratureMatrix(
            name: "burkardt07-near-jordan", source: "\(scipyTests) test_burkardt_7 (Burkardt test 7, Moler & Van Loan)",
            note: "not Float-representable (1 ± 2^-52 round to 1 in Float: the Float input is the Jordan block); "
                + "published exp e·[[1, 1], [0, 1]] is off by ~2.2e-16 relative on the diagonal; "
                + "Burkardt's C++ r8mat_exp_a stores a diagonal matrix here (off-diagonal 0), inconsistent with its own exp",
            rows: [[1 + Double.ulpOfOne, 1], [0, 1 - Double.ulpOfOne]],
            closedForm: cf { $0.triangular2(1 + Double.ulpOfOne, 1, 1 - Double.ulpOfOne) }),
        /// Burkardt test 8 (Wikipedia). Eigenvalue 16 (Jordan block) and 4:
        /// exp = ¼[[13e¹⁶ − e⁴, 13e¹⁶ − 5e⁴, 2e¹⁶ − 2e⁴], [−9e¹⁶ + e⁴, −9e¹⁶ + 5e⁴, −2e¹⁶ + 2e⁴], [16e¹⁶, 16e¹⁶, 4e¹⁶]].
        LiteratureMatrix(
            name: "burkardt08-wikipedia", source: "\(burkardt) test 8 (Wikipedia example); \(scipyTests) test_burkardt_8",
            note: "defective: eigenvalue 16 with a 2×2 Jordan block, and 4",
            rows: [[21, 17, 6], [-5, -1, -6], [4, 4, 16]],
            closedForm: cf { $0.confluent([[21, 17, 6], [-5, -1, -6], [4, 4, 16]], double: 16, simple: 4) }),
        /// Burkardt test 9: NAG F01ECF example. No closed form.
        LiteratureMatrix(
            name: "burkardt09-nag-f01ecf", source: "\(burkardt) test 9 (NAG Library F01ECF example); \(scipyTests) test_burkardt_9",
            note: "no closed form; published exp to 4 decimals only (e.g. 740.7038; reference 740.70377617…), consistent with the reference",
            rows: [[1, 2, 2, 2], [3, 1, 1, 2], [3, 2, 1, 2], [3, 3, 3, 1]],
            closedForm: nil),
        /// Ward 1977 example 1 (Burkardt test 10). Eigenvalues 3 (Jordan block), 6:
        /// exp = e³(A − 2I) + (e⁶ − 4e³)/9·(A − 3I)².
        LiteratureMatrix(
            name: "ward77-1", source: "Ward, SIAM J. Numer. Anal. 14(4) 1977, example 1; \(burkardt) test 10; \(scipyTests) test_burkardt_10; JuliaLang/julia stdlib/LinearAlgebra/test/dense.jl \"Matrix exponential\" A1",
            note: "defective and nonderogatory: eigenvalues 3, 3, 6; Julia's eA1 has 15 digits, Burkardt's 16",
            rows: [[4, 2, 0], [1, 4, 1], [1, 1, 4]],
            closedForm: cf { $0.confluent([[4, 2, 0], [1, 4, 1], [1, 1, 4]], double: 3, simple: 6) }),
        /// Ward 1977 example 2 (Burkardt test 11): symmetric, eigenvalues ≈ 20, 30, 40. No closed form
        /// for the matrix as stored (its 16-digit entries are a rounding of a matrix with exactly those eigenvalues).
        LiteratureMatrix(
            name: "ward77-2", source: "Ward 1977 example 2; \(burkardt) test 11; \(scipyTests) test_burkardt_11; JuliaLang/julia dense.jl A2",
            note: "not Float-representable (16-digit entries); exp ≈ 1.7e17; published values disagree with each other "
                + "and with the reference: entry (1,1) is 5.496313853692405e15 (reference), 5.496313853692378e15 "
                + "(Burkardt/scipy, −4.9e-15 relative), 5496313853692458 (Julia, +9.6e-15); entry (3,3) 1.6929441124085002e17 "
                + "(reference) vs 1.692944112408493e17 (Burkardt) and 169294411240851968 (Julia, +1.2e-14)",
            rows: [[29.87942128909879, 0.7815750847907159, -2.289519314033932],
                   [0.7815750847907159, 25.72656945571064, 8.680737820540137],
                   [-2.289519314033932, 8.680737820540137, 34.39400925519054]],
            closedForm: nil),
        /// Ward 1977 example 3 (Burkardt test 12). Eigenvalues −1, −2, −20: Sylvester's formula.
        LiteratureMatrix(
            name: "ward77-3", source: "Ward 1977 example 3; \(burkardt) test 12; \(scipyTests) test_burkardt_12; JuliaLang/julia dense.jl A3",
            note: "eigenvalues −1, −2, −20, ill-conditioned eigenvectors; Julia's eA3 has 12–15 digits",
            rows: [[-131, 19, 18], [-390, 56, 54], [-387, 57, 52]],
            closedForm: cf { $0.sylvester([[-131, 19, 18], [-390, 56, 54], [-387, 57, 52]], [-1, -2, -20]) }),
        /// Ward 1977 example 4 (Burkardt test 13): the 10×10 Forsythe matrix, shift plus ε = 1e-10 in
        /// the corner. A¹⁰ = εI, so exp_ij = c_{j−i} (j ≥ i), ε·c_{j−i+10} (j < i), c_r = Σ_q ε^q/(10q + r)!.
        LiteratureMatrix(
            name: "ward77-4-forsythe", source: "Ward 1977 example 4; \(burkardt) test 13 (n = 10); \(scipyTests) test_burkardt_13",
            note: "not Float-representable (1e-10); eigenvalues 0.1·(10th roots of unity), eigenproblem badly conditioned; "
                + "Burkardt's published exp keeps only the first order in ε",
            rows: forsythe(10, 1e-10),
            closedForm: cf { forsytheExp($0, 10, 1e-10) }),
        /// Moler's badly scaled 3×3 (Burkardt test 14). No closed form.
        LiteratureMatrix(
            name: "moler-balancing", source: "Moler, Cleve's Corner: A Balancing Act for the Matrix Exponential, 23 July 2012; \(burkardt) test 14; \(scipyTests) test_burkardt_14",
            note: "not Float-representable; badly scaled (entries 1e-8 … 2e10): balancing misled MATLAB's expm; "
                + "published exp to 15 digits: Burkardt's table agrees with the reference to ~1e-15, scipy's to ~1.6e-14 "
                + "(entry (2,1): reference −5743067.779479561, scipy −5743067.77947947)",
            rows: [[0, 1e-8, 0], [-(2e10 + 4e8 / 6.0), -3, 2e10], [200.0 / 3.0, 0, -200.0 / 3.0]],
            closedForm: nil),
        /// scipy test_bidiagonal_sparse. Eigenvalue 1 (Jordan block) and 2:
        /// exp = [[e, 3e, 15(e² − 2e)], [0, e, 5(e² − e)], [0, 0, e²]].
        LiteratureMatrix(
            name: "scipy-bidiagonal", source: "\(scipyTests) TestExpM.test_bidiagonal_sparse",
            note: "defective upper bidiagonal",
            rows: [[1, 3, 0], [0, 1, 5], [0, 0, 2]],
            closedForm: cf { $0.confluent([[1, 3, 0], [0, 1, 5], [0, 0, 2]], double: 1, simple: 2) }),
        /// scipy test_integer_matrix: the rate matrix J − 4I. exp = e⁻⁴I + (1 − e⁻⁴)/4·J.
        LiteratureMatrix(
            name: "scipy-rate-4", source: "\(scipyTests) TestExpM.test_integer_matrix",
            note: "Markov generator (rows sum to 0); exp is stochastic; eigenvalues 0, −4, −4, −4",
            rows: [[-3, 1, 1, 1], [1, -3, 1, 1], [1, 1, -3, 1], [1, 1, 1, -3]],
            closedForm: cf { $0.sylvester([[-3, 1, 1, 1], [1, -3, 1, 1], [1, 1, -3, 1], [1, 1, 1, -3]], [0, -4]) }),
        /// scipy test_integer_matrix_2: a stiff rate matrix. No closed form used.
        LiteratureMatrix(
            name: "scipy-rate-stiff", source: "\(scipyTests) TestExpM.test_integer_matrix_2",
            note: "stiff Markov generator (rates up to 630, one absorbing state); exp is stochastic",
            rows: [[-500, 500, 0, 0], [0, -550, 360, 190], [0, 630, -630, 0], [0, 0, 0, 0]],
            closedForm: nil),
        /// scipy gh-11839: −2¹¹·L for the Laplacian L of a directed tree (a rate matrix).
        /// With c = e⁻²⁰⁴⁸ and k = c + (c − 1)/2048: exp row 0 = [c, 1024c, 1024c, −512k ×4],
        /// rows 1, 2 = c on the diagonal and (1 − c)/2 on their two leaves; identity on the leaves.
        LiteratureMatrix(
            name: "scipy-gh11839-tree", source: "https://github.com/scipy/scipy/issues/11839; \(scipyTests) test_exp_sinch_overflow",
            note: "underflow: e^-2048 and 1024·e^-2048 are 0 in Double (reference shows 0); other entries ≈ 1/4, 1/2; "
                + "expm returned NaN (sinh overflow)",
            rows: treeLaplacian(scale: -2048),
            closedForm: cf { treeExp($0) }),
        /// scipy gh-8029 (test_pascal): diag(1, …, 60) on the subdiagonal; exp is the lower Pascal matrix binom(i, j).
        LiteratureMatrix(
            name: "scipy-gh8029-pascal61", source: "\(scipyTests) TestExpM.test_pascal (gh-8029), n = 60, scale 1",
            note: "nilpotent 61×61; exp entries binom(i, j) span 1 … 1.2e17 (huge dynamic range)",
            rows: pascalGenerator(60),
            closedForm: cf { pascalExp($0, 60) }),
        /// scipy gh-19584: the 2×2 lower triangular [[−494.08845191, 0], [12566.3706, −12566.3706]]·(π/2π).
        LiteratureMatrix(
            name: "scipy-gh19584", source: "https://github.com/scipy/scipy/issues/19584",
            note: "not Float-representable; exp ≈ [[5.1e-108, 0], [5.3e-108, 0]]: e^-6283 underflows to 0; "
                + "scipy.linalg.expm returned NaN",
            rows: gh19584,
            closedForm: cf { $0.triangular2(gh19584[0][0], gh19584[1][0], gh19584[1][1], lower: true) }),
        /// scipy test_single_elt (1×1). exp = e.
        LiteratureMatrix(
            name: "scipy-1x1", source: "scipy/scipy scipy/linalg/tests/test_matfuncs.py TestExpM.test_single_elt",
            note: "1×1: exp([[1]]) = [[e]]",
            rows: [[1]],
            closedForm: cf { f in f.matrix([[f.exp(1)]]) }),
        /// scipy test_empty_matrix_input (gh-11082): 0×0.
        LiteratureMatrix(
            name: "scipy-0x0", source: "scipy/scipy scipy/linalg/tests/test_matfuncs.py TestExpM.test_empty_matrix_input (gh-11082)",
            note: "0×0: exp is the 0×0 matrix",
            rows: [],
            closedForm: cf { f in f.matrix([[MPFloat]]()) }),
        /// scipy test_2x2_input: [[1, 4], [1, 1]], eigenvalues 3, −1:
        /// exp = [[(e⁴ + 1)/(2e), (e⁴ − 1)/e], [(e⁴ − 1)/(4e), (e⁴ + 1)/(2e)]].
        LiteratureMatrix(
            name: "scipy-2x2", source: "scipy/scipy scipy/linalg/tests/test_matfuncs.py TestExpM.test_2x2_input",
            note: "eigenvalues 3, −1",
            rows: [[1, 4], [1, 1]],
            closedForm: cf { $0.sylvester([[1, 4], [1, 1]], [3, -1]) }),
        /// Julia dense.jl A4 = [[0.25, 0.25], [0, 0]]: exp = [[e^¼, e^¼ − 1], [0, 1]].
        LiteratureMatrix(
            name: "julia-a4", source: "JuliaLang/julia stdlib/LinearAlgebra/test/dense.jl \"Matrix exponential\" A4",
            note: "singular triangular",
            rows: [[0.25, 0.25], [0, 0]],
            closedForm: cf { $0.triangular2(0.25, 0.25, 0) }),
        /// Julia dense.jl A5 = [[0, 0.02], [0, 0]]: exp = I + A.
        LiteratureMatrix(
            name: "julia-a5", source: "JuliaLang/julia stdlib/LinearAlgebra/test/dense.jl \"Matrix exponential\" A5",
            note: "not Float-representable (0.02); nilpotent, exp = I + A exactly",
            rows: [[0, 0.02], [0, 0]],
            closedForm: cf { $0.triangular2(0, 0.02, 0) }),
        /// Julia issue 5116, A9: rotation-like block [[0, 10], [−1, 0]] (ν = √10) coupled to a zero block:
        /// exp rows 0–1 = [[cos ν, (10/ν) sin ν], [−sin ν/ν, cos ν]], row 3 = [−2 sin ν/ν, −2(1 − cos ν), 0, 1].
        LiteratureMatrix(
            name: "julia-issue5116", source: "JuliaLang/julia stdlib/LinearAlgebra/test/dense.jl \"issue 5116\" A9",
            note: "singular, eigenvalues ±i√10, 0, 0; published eA9 to 15 digits",
            rows: [[0, 10, 0, 0], [-1, 0, 0, 0], [0, 0, 0, 0], [-2, 0, 0, 0]],
            closedForm: cf { julia5116Exp($0) }),
        /// gonum issue 291: 100·(4-cycle adjacency) − 200·I, a rate matrix. Eigenvalues 0, −200, −400 (diagonalisable).
        LiteratureMatrix(
            name: "gonum-291-cycle", source: "https://github.com/gonum/gonum/issues/291",
            note: "Markov generator, stiff; exp ≈ J/4 (+ e^-200 terms); gonum's Exp returned ±3.6e109",
            rows: [[-200, 100, 100, 0], [100, -200, 0, 100], [100, 0, -200, 100], [0, 100, 100, -200]],
            closedForm: cf { $0.sylvester([[-200, 100, 100, 0], [100, -200, 0, 100], [100, 0, -200, 100], [0, 100, 100, -200]], [0, -200, -400]) }),
        /// stan-dev/math issue 2615: A·800 with A = [[−3.3228, 1.2242], [0.533302, −4.04844]].
        LiteratureMatrix(
            name: "stan-2615-underflow", source: "https://github.com/stan-dev/math/issues/2615",
            note: "not Float-representable; eigenvalues ≈ −2240, −3656: every entry of exp underflows (≈ 1e-973), "
                + "so the reference is the zero matrix; Stan returned NaN (cosh/sinh overflow)",
            rows: stan2615,
            closedForm: cf { $0.general2(stan2615[0][0], stan2615[0][1], stan2615[1][0], stan2615[1][1]) }),
        /// Al-Mohy & Higham 2009, Set 1: [[1, 1e17], [0, 1]]. exp = e·[[1, 1e17], [0, 1]].
        LiteratureMatrix(
            name: "almohy-higham09-1e17", source: "Al-Mohy & Higham, SIAM J. Matrix Anal. Appl. 31(3) 2009, test Set 1; xiaobo-liu/matrices-expm private/alhi09r1.m",
            note: "not Float-representable (1e17); ‖A‖ = 1e17 overscales classical scaling and squaring",
            rows: [[1, 1e17], [0, 1]],
            closedForm: cf { $0.triangular2(1, 1e17, 1) }),
        /// Al-Mohy & Higham 2009, Set 1, b = 1e4: [[1 − b/2, b/2], [−b/2, 1 + b/2]] = I + (b/2)N, N² = 0:
        /// exp = e·(I + (b/2)N).
        LiteratureMatrix(
            name: "almohy-higham09-b1e4", source: "Al-Mohy & Higham 2009, test Set 1; xiaobo-liu/matrices-expm alhi09r2.m",
            note: "‖A‖ = 1e4 but exp = e·(I + A − I): overscaling test",
            rows: [[1 - 5e3, 5e3], [-5e3, 1 + 5e3]],
            closedForm: cf { $0.general2(1 - 5e3, 5e3, -5e3, 1 + 5e3) }),
        /// Al-Mohy & Higham 2009, Set 1, b = 1e2: [[1 − b/2, b/2], [−b⁴/2, 1 + b/2]]: eigenvalues 1 ± iν,
        /// ν = √(b⁵/4 − b²/4)… exp = e·(cos ν·I + sin ν/ν·(A − I)).
        LiteratureMatrix(
            name: "almohy-higham09-b1e2", source: "Al-Mohy & Higham 2009, test Set 1; xiaobo-liu/matrices-expm private/alhi09r3.m",
            note: "eigenvalues 1 ± i·49999.975; ‖A‖ = 5e7, highly oscillatory",
            rows: [[1 - 50, 50], [-5e7, 1 + 50]],
            closedForm: cf { $0.general2(1 - 50, 50, -5e7, 1 + 50) }),
        /// Al-Mohy & Higham 2009, Set 1: [[B, 1e10·J], [0, −B]] with B the b = 1e3 matrix above. No closed form used.
        LiteratureMatrix(
            name: "almohy-higham09-4x4", source: "Al-Mohy & Higham 2009, test Set 1; xiaobo-liu/matrices-expm alhi09r4.m",
            note: "block triangular, coupling 1e10: huge norm, modest exp entries relative to it",
            rows: [[1 - 500, 500, 1e10, 1e10], [-500, 1 + 500, 1e10, 1e10],
                   [0, 0, -(1 - 500), -500], [0, 0, 500, -(1 + 500)]],
            closedForm: nil),
        /// Kenney & Laub 1998, Ex. 3: [[−1, 1e7], [0, −1e7]]. exp = [[e⁻¹, 1e7(e⁻¹ − e^{−1e7})/(1e7 − 1)], [0, e^{−1e7}]].
        LiteratureMatrix(
            name: "kenney-laub98-ex3", source: "Kenney & Laub, SIAM J. Matrix Anal. Appl. 19(3) 1998, Ex. 3; xiaobo-liu/matrices-expm private/kela98r3.m",
            note: "stiff triangular: e^-1e7 underflows to 0; off-diagonal ≈ e^-1",
            rows: [[-1, 1e7], [0, -1e7]],
            closedForm: cf { $0.triangular2(-1, 1e7, -1e7) }),
        /// Kenney & Laub 1989, p. 206. No closed form used.
        LiteratureMatrix(
            name: "kenney-laub89-p206", source: "Kenney & Laub, SIAM J. Matrix Anal. Appl. 10(2) 1989, p. 206; xiaobo-liu/matrices-expm private/kela89r1.m",
            note: "non-normal 4×4 used for condition estimation",
            rows: [[48, -49, 50, 49], [0, -2, 100, 0], [0, -1, -2, 1], [-50, 50, 50, -52]],
            closedForm: nil),
        /// Radioactive decay chain (mopa03, as used by Fasi & Higham 2019): lower triangular,
        /// diagonal −a₁, −a₂, 0 (distinct), so Sylvester's formula with those exact Doubles.
        LiteratureMatrix(
            name: "decay-chain-3", source: "xiaobo-liu/matrices-expm mopa03r2.m (matrix from [mopa03], used in Fasi & Higham, SIAM J. Matrix Anal. Appl. 40(4) 2019)",
            note: "not Float-representable; Markov generator by columns (columns sum to 0 up to rounding of 0.3594·a1, 0.6406·a1)",
            rows: decayChain,
            closedForm: cf { $0.sylvester(decayChain, [decayChain[0][0], decayChain[1][1], 0]) }),
        /// PyTorch issue 114080: [[1, 1, −1], [1, −1, −1], [1, 10, 200]]. No closed form used.
        LiteratureMatrix(
            name: "pytorch-114080", source: "https://github.com/pytorch/pytorch/issues/114080",
            note: "exp ≈ e^200 ≈ 1e87: finite in Double, overflows Float (Float candidates should give Inf, not NaN); "
                + "torch.matrix_exp returned NaN/Inf in float32",
            rows: [[1, 1, -1], [1, -1, -1], [1, 10, 200]],
            closedForm: nil),
        /// SciPy issue 7433: M = arange(1, 1 + n²).reshape(n, n) with n = 128, i.e. m_ij = 1 + n·i + j
        /// (0-based, row-major). Its dominant eigenvalue is about n³/2 ≈ 1e6, so every entry of exp(M)
        /// (all positive) is beyond Double's range: the right Double answer is +Inf everywhere; the
        /// issue reports scipy returning finite values (~1e39) for it.
        LiteratureMatrix(
            name: "scipy-gh7433-arange128", source: "https://github.com/scipy/scipy/issues/7433",
            note: "exp(M) ≈ e^(1e6) overflows Double in every entry: the right float32/float64 answer is +Inf; "
                + "scipy.linalg.expm returned finite values ~1e39 (the issue's bug)",
            rows: (0..<128).map { i in (0..<128).map { j in Double(1 + 128 * i + j) } },
            closedForm: nil),
    ]

    // MARK: matrices built from their definitions

    static func forsythe(_ n: Int, _ eps: Double) -> [[Double]] {
        (0..<n).map { i in (0..<n).map { j in j == i + 1 ? 1 : (i == n - 1 && j == 0 ? eps : 0) } }
    }

    static func forsytheExp(_ f: ClosedForm, _ n: Int, _ eps: Double) -> MPMatrix {
        let e = f.c(eps)
        // c_r = Σ_q ε^q/(nq + r)!, to q = 10 (ε^10 = 1e-100, far below 2^-bits for bits ≤ 300).
        let coefficient: [MPFloat] = (0..<n).map { r in
            var sum = f.c(0), power = f.c(1)
            for q in 0...10 {
                sum = sum + power * MPFloat.reciprocalFactorial(n * q + r, precision: f.bits)
                power = power * e
            }
            return sum
        }
        var m = [[MPFloat]]()
        for i in 0..<n {
            var row = [MPFloat]()
            for j in 0..<n {
                let entry: MPFloat = j >= i ? coefficient[j - i] : e * coefficient[j - i + n]
                row.append(entry)
            }
            m.append(row)
        }
        return f.matrix(m)
    }

    static func treeLaplacian(scale: Double) -> [[Double]] {
        var l = [[Double]](repeating: [Double](repeating: 0, count: 7), count: 7)
        for (i, leaves) in [(0, [1, 2]), (1, [3, 4]), (2, [5, 6])] {
            l[i][i] = 1
            for j in leaves { l[i][j] = -0.5 }
        }
        return l.map { $0.map { scale * $0 } }
    }

    static func treeExp(_ f: ClosedForm) -> MPMatrix {
        let c = f.exp(-2048)
        let k = c + (c - f.c(1)) / f.c(2048)
        let zero = f.c(0), one = f.c(1)
        var m = [[MPFloat]](repeating: [MPFloat](repeating: zero, count: 7), count: 7)
        for i in 0..<7 { m[i][i] = i < 3 ? c : one }
        m[0][1] = f.c(1024) * c
        m[0][2] = f.c(1024) * c
        for j in 3..<7 { m[0][j] = -(f.c(512) * k) }
        let half = (one - c) * f.c(0.5)
        m[1][3] = half; m[1][4] = half; m[2][5] = half; m[2][6] = half
        return f.matrix(m)
    }

    static func pascalGenerator(_ n: Int) -> [[Double]] {
        (0...n).map { i in (0...n).map { j in j == i - 1 ? Double(i) : 0 } }
    }

    static func pascalExp(_ f: ClosedForm, _ n: Int) -> MPMatrix {
        // binom(i, j) for i ≤ 60 fits in Int64; built row by row with exact integer recurrences.
        var rows = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: n + 1)
        for i in 0...n {
            rows[i][0] = 1
            if i > 0 { for j in 1...i { rows[i][j] = rows[i - 1][j - 1] + (j < i ? rows[i - 1][j] : 0) } }
        }
        return f.matrix(rows.map { $0.map { f.c($0) } })
    }

    static let gh19584: [[Double]] = {
        let w = 2 * Double.pi
        let s = Double.pi / w
        return [[s * -494.08845191, s * 0], [s * 12566.3706, s * -12566.3706]]
    }()

    static let stan2615: [[Double]] = [[-3.3228 * 800, 1.2242 * 800], [0.533302 * 800, -4.04844 * 800]]

    static let decayChain: [[Double]] = {
        let a1 = 0.01145, a2 = 0.2270
        return [[-a1, 0, 0], [0.3594 * a1, -a2, 0], [0.6406 * a1, a2, 0]]
    }()

    static func julia5116Exp(_ f: ClosedForm) -> MPMatrix {
        let nu = f.sqrt(f.c(10))
        let cv = nu.cos(), sv = nu.sin()
        let zero = f.c(0), one = f.c(1)
        return f.matrix([
            [cv, f.c(10) * sv / nu, zero, zero],
            [-(sv / nu), cv, zero, zero],
            [zero, zero, one, zero],
            [-(f.c(2) * sv / nu), -(f.c(2) * (one - cv)), zero, one],
        ])
    }
}
