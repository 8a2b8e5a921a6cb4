@testable import Cases
import Foundation
import Testing


@Suite("Portable random numbers")
struct PortableRandomTests {
    /// The portable log must agree with the platform's to a few ulps (both are accurate; only the
    /// portable one is guaranteed to give the same bits everywhere). 4 ulps is the budget of the
    /// atanh series (≤ 1 ulp), the final multiply-add (≤ 2) and the platform's own error (≤ 1).
    @Test("PortableMath.log agrees with libm to 4 ulps", arguments: [1e-300, 1e-10, 0.1, 0.5, 0.70710678, 0.9999999, 1, 1.0000001, 1.5, 2, 3, 10, 1e10, 1e300])
    func log(x: Double) {
        let got = PortableMath.log(x)
        let want = Foundation.log(x)
        #expect(abs(got - want) <= 4 * max(want.ulp, Double.leastNormalMagnitude), "log(\(x)): \(got) vs \(want)")
    }

    @Test("the stream is a function of the seed only")
    func deterministic() {
        var a = PortableRandom(seed: 42), b = PortableRandom(seed: 42), c = PortableRandom(seed: 43)
        let xa = (0..<100).map { _ in a.next() }
        #expect(xa == (0..<100).map { _ in b.next() })
        #expect(xa != (0..<100).map { _ in c.next() })
    }

    /// Moments of 200 000 normals: the standard error of the mean is 1/√N ≈ 0.0022 and of the
    /// variance √(2/N) ≈ 0.0032; 5 standard errors make a false alarm practically impossible while
    /// a wrong sampler (e.g. uniform, or σ off by 10 %) fails by far.
    @Test("normal samples have mean 0 and variance 1")
    func normalMoments() {
        var r = PortableRandom(key: "moments")
        let n = 200_000
        var s = 0.0, s2 = 0.0, s4 = 0.0
        for _ in 0..<n {
            let z = r.normal()
            s += z; s2 += z * z; s4 += z * z * z * z
        }
        let mean = s / Double(n), variance = s2 / Double(n) - mean * mean
        #expect(abs(mean) < 5 / Double(n).squareRoot())
        #expect(abs(variance - 1) < 5 * (2 / Double(n)).squareRoot())
        // Kurtosis 3 tells a normal from other symmetric laws (uniform: 1.8); its standard error is √(24/N) ≈ 0.011.
        #expect(abs(s4 / Double(n) - 3) < 5 * (24 / Double(n)).squareRoot() * 3)
    }

    @Test("uniforms lie in [0, 1)")
    func uniformRange() {
        var r = PortableRandom(seed: 7)
        for _ in 0..<10_000 {
            let u = r.uniform()
            #expect(u >= 0 && u < 1)
        }
    }
}
