import Testing
@testable import Harness
import Linalg
@Test func smoke() { #expect(Matrix<Double>.identity(2).norm1 == 1) }
