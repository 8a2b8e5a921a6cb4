import Linalg

/// Where exp(A) leaves the candidate's range: entries beyond its largest finite number, whose right
/// answer is ±Inf in that precision, and the smallest normal magnitude below which relative accuracy
/// cannot be asked.
public struct ExpectedRange {
    let overflows: [Bool]
    let tiny: Double
    let reference: Matrix<Double>

    init(_ hi: Matrix<Double>, precision: Precision) {
        // Beyond the largest finite number by half an ulp (about u/2 relative there) the value rounds to
        // ±Inf; a Double reference entry that is already ±Inf overflows in every precision.
        let limit = precision.greatestFiniteMagnitude * (1 + precision.unitRoundoff / 2)
        overflows = hi.elements.map { $0.isInfinite || abs($0) > limit }
        tiny = precision.leastNormalMagnitude
        reference = hi
    }

    /// Why X is not a finite answer where exp(A) is finite (or not ±Inf where exp(A) overflows); nil if fine.
    func check(_ x: Matrix<Double>) -> String? {
        if x.elements.contains(where: \.isNaN) { return "result has NaN entries" }
        for k in x.elements.indices {
            if overflows[k] {
                if x.elements[k] != (reference.elements[k] > 0 ? Double.infinity : -Double.infinity) {
                    return "exp(A) overflows this precision at an entry where the result is \(x.elements[k])"
                }
            } else if x.elements[k].isInfinite {
                return "result has Inf entries where exp(A) is finite"
            }
        }
        return nil
    }
}
