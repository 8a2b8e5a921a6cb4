import Foundation
import Testing
import TestSupport
import Linalg

/// The Linalg pieces the candidate adds: complex solve, geev's refusals, the counter's JSON shape.
@Suite("eig: Linalg support")
struct EigLinalgTests {
    @Test("complex solve: A·X = B for A = [[2, i],[−i, 3]], X = [[1+i, 2],[−1, i]]", arguments: WorkingPrecision.allCases)
    func complexSolve(_ p: WorkingPrecision) throws { try checkComplexSolve(p.type) }

    func checkComplexSolve<T: BLASScalar>(_: T.Type) throws {
        var a = ComplexMatrix<T>(rows: 2, cols: 2)
        a[0, 0] = (2, 0); a[0, 1] = (0, 1); a[1, 0] = (0, -1); a[1, 1] = (3, 0)
        // B = A·X by hand: row 0: 2(1+i) + i(−1) = 2 + i, 2·2 + i·i = 3; row 1: −i(1+i) + 3(−1) = −2 − i,
        // −i·2 + 3i = i.
        var b = ComplexMatrix<T>(rows: 2, cols: 2)
        b[0, 0] = (2, 1); b[0, 1] = (3, 0); b[1, 0] = (-2, -1); b[1, 1] = (0, 1)
        let (x, counts) = try OperationCounter.counting { try a.solve(b) }
        #expect(counts == .init(solves: 1))
        let expected: [(T, T)] = [(1, 1), (-1, 0), (2, 0), (0, 1)]  // column-major
        let u = Double(T.unitRoundoff)
        for (k, (er, ei)) in expected.enumerated() {
            let (i, j) = (k % 2, k / 2)
            // A is Hermitian positive definite with κ₂ ≈ 2.6; a few u of the entries' size.
            #expect(abs(Double(x[i, j].re - er)) <= 16 * u && abs(Double(x[i, j].im - ei)) <= 16 * u, "(\(i),\(j))")
        }
        #expect(x.real[1, 0] == x[1, 0].re && x.imaginary[0, 0] == x[0, 0].im)
        #expect(ComplexMatrix(real: a.real, imaginary: a.imaginary) == a)
        #expect(a.transposed[0, 1] == a[1, 0] && a.transposed[1, 0] == a[0, 1])  // not conjugated
    }

    @Test("complex solve with a zero matrix throws singular(pivot: 1)")
    func complexSingular() {
        let zero = ComplexMatrix<Double>(rows: 2, cols: 2)
        #expect(throws: LinalgError.singular(pivot: 1)) { try zero.solve(ComplexMatrix(real: .identity(2))) }
    }

    /// LAPACKE_?gesv checks A (argument 4) and B (argument 7) for NaN and refuses them.
    @Test("complex solve refuses NaN in A (argument 4) and in B (argument 7)")
    func complexNaN() {
        var bad = ComplexMatrix<Float>(real: .identity(2))
        bad[1, 0] = (0, .nan)
        let good = ComplexMatrix<Float>(real: .identity(2))
        #expect(throws: LinalgError.illegalArgument(info: -4)) { try bad.solve(good) }
        #expect(throws: LinalgError.illegalArgument(info: -7)) { try good.solve(bad) }
    }

    /// LAPACKE_?geev checks its input for NaN and refuses it as argument 5 (the matrix).
    @Test("geev refuses NaN (illegal argument 5) and counts one eigendecomposition")
    func geevNaN() {
        let a = Matrix<Float>(rows: 2, cols: 2, elements: [1, .nan, 0, 1])
        let (result, counts) = OperationCounter.counting { Result { try a.eigendecomposition() } }
        #expect(throws: LinalgError.illegalArgument(info: -5)) { try result.get() }
        #expect(counts == .init(eigendecompositions: 1))
    }

    @Test("Counts: JSON without eigendecompositions (written before it existed) decodes it as 0; round trip")
    func countsCodable() throws {
        let old = try JSONDecoder().decode(OperationCounter.Counts.self, from: Data(#"{"products": 6, "solves": 1}"#.utf8))
        #expect(old == OperationCounter.Counts(products: 6, solves: 1, eigendecompositions: 0))
        let new = OperationCounter.Counts(products: 2, solves: 1, eigendecompositions: 1)
        #expect(try JSONDecoder().decode(OperationCounter.Counts.self, from: JSONEncoder().encode(new)) == new)
    }
}
