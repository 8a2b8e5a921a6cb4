import Testing
import TestSupport
import Linalg
@testable import Candidates

/// Costs observed by `OperationCounter`, against the counts read off the algorithms.
@Suite("operation counts")
struct OperationCountTests {
    func counts<C: ExpmCandidate>(_ c: C, _ a: Matrix<C.Scalar>) throws -> (ExpmChoice, OperationCounter.Counts) {
        let (r, n) = try OperationCounter.counting { try c.exp(a) }
        return (r.choice, n)
    }

    /// Higham 2005 Table 2.3's π_m: 2, 3, 4, 5, 6 products for m = 3, 5, 7, 9, 13, plus one solve,
    /// plus s squarings.
    @Test("pade13-higham05: π_m products + 1 solve + s squarings")
    func pade() throws {
        let c = Pade13Higham05<Double>()
        let cases: [(Double, Int, Int)] = [(0.01, 3, 0), (0.2, 5, 0), (0.9, 7, 0), (2, 9, 0), (5, 13, 0), (16, 13, 2)]
        for (theta, m, s) in cases {
            let (choice, n) = try counts(c, rotationGenerator(theta))
            #expect(choice == ExpmChoice(approximant: "P\(m)", degree: m, scaling: s))
            let pi = [3: 2, 5: 3, 7: 4, 9: 5, 13: 6][m]!
            #expect(n == OperationCounter.Counts(products: pi + s, solves: 1), "P\(m), s = \(s)")
        }
        let (choice, n) = try counts(Pade13Higham05<Float>(), rotationGenerator(Float(10)))
        #expect(choice == ExpmChoice(approximant: "P7", degree: 7, scaling: 2))
        #expect(n == OperationCounter.Counts(products: 4 + 2, solves: 1))
    }

    /// From the posted code: T1 no product, T2 one (A@A), T4 two (A@A, A2@inner),
    /// T8 three (A@A, A2@(…), (…)@(…)), plus s squarings; never a solve.
    @Test("mlx-proposal-t8: 0, 1, 2, 3 products for T1, T2, T4, T8, plus s squarings, no solve")
    func mlx() throws {
        let c = MLXProposalT8<Double>()
        let cases: [(Double, Int, Int, Int)] = [(1e-16, 1, 0, 0), (1e-8, 2, 0, 1), (3e-4, 4, 0, 2), (0.04, 8, 0, 3), (0.4, 8, 4, 7)]
        for (theta, m, s, products) in cases {
            let (choice, n) = try counts(c, rotationGenerator(theta))
            #expect(choice == ExpmChoice(approximant: "T\(m)", degree: m, scaling: s))
            #expect(n == OperationCounter.Counts(products: products, solves: 0), "T\(m), s = \(s)")
        }
    }

    @Test("1×1 and 0×0 cost nothing")
    func trivial() throws {
        #expect(try counts(Pade13Higham05<Double>(), Matrix(rows: 1, cols: 1, elements: [2])).1 == .init())
        #expect(try counts(MLXProposalT8<Float>(), Matrix(rows: 0, cols: 0)).1 == .init())
    }
}
