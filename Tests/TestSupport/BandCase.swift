/// One point inside a degree band of a norm-driven candidate: the norm that drives its choice and the
/// degree m and scaling s it must choose there. Shared by the candidates' band tests, each of which
/// lists its own points (with the θ they straddle) next to the test.
public struct BandCase: Sendable, CustomStringConvertible {
    public var precision: WorkingPrecision
    public var norm: Double
    public var degree: Int
    public var scaling: Int
    /// What drives the choice, for the description: "‖A‖₁", or "η" for Al-Mohy & Higham's η.
    public var driver: String

    public init(precision: WorkingPrecision, norm: Double, degree: Int, scaling: Int, driver: String = "‖A‖₁") {
        (self.precision, self.norm, self.degree, self.scaling, self.driver) = (precision, norm, degree, scaling, driver)
    }

    public var description: String { "\(precision) \(driver)=\(norm) → P\(degree), s=\(scaling)" }
}
