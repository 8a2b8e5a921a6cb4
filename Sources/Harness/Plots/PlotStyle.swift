/// Colours and marker shapes that tell series apart without relying on colour alone.
public enum PlotStyle {
    /// The Okabe–Ito colour-blind-safe palette, ordered for contrast on white (yellow last).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// Stroke patterns for line series, so that lines differ even in grey.
    static let dashes = ["", "6,3", "2,2", "8,3,2,3", "1,3", "10,4"]

    static func colour(_ i: Int) -> String { palette[i % palette.count] }
    static func dash(_ i: Int) -> String { dashes[i % dashes.count] }
    static func marker(_ i: Int) -> MarkerShape { MarkerShape.allCases[i % MarkerShape.allCases.count] }
}

/// A marker shape; each marker is exactly one SVG element.
enum MarkerShape: CaseIterable, Sendable {
    case circle, square, triangleUp, diamond, triangleDown, cross, plus

    /// One SVG element centred at (x, y) with half-size r, carrying `attributes` (class, colour).
    func element(x: Double, y: Double, r: Double, attributes: String) -> String {
        let c = SVGText.coord
        switch self {
        case .circle:
            return "<circle \(attributes) cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(r))\"/>"
        case .square:
            let s = r * 0.9
            return "<rect \(attributes) x=\"\(c(x - s))\" y=\"\(c(y - s))\" width=\"\(c(2 * s))\" height=\"\(c(2 * s))\"/>"
        case .triangleUp:
            return "<path \(attributes) d=\"M\(c(x)),\(c(y - r * 1.15)) L\(c(x + r)),\(c(y + r * 0.6)) L\(c(x - r)),\(c(y + r * 0.6)) Z\"/>"
        case .triangleDown:
            return "<path \(attributes) d=\"M\(c(x)),\(c(y + r * 1.15)) L\(c(x + r)),\(c(y - r * 0.6)) L\(c(x - r)),\(c(y - r * 0.6)) Z\"/>"
        case .diamond:
            let s = r * 1.2
            return "<path \(attributes) d=\"M\(c(x)),\(c(y - s)) L\(c(x + s)),\(c(y)) L\(c(x)),\(c(y + s)) L\(c(x - s)),\(c(y)) Z\"/>"
        case .cross:
            return "<path \(attributes) d=\"M\(c(x - r)),\(c(y - r)) L\(c(x + r)),\(c(y + r)) M\(c(x - r)),\(c(y + r)) L\(c(x + r)),\(c(y - r))\"/>"
        case .plus:
            let s = r * 1.2
            return "<path \(attributes) d=\"M\(c(x - s)),\(c(y)) L\(c(x + s)),\(c(y)) M\(c(x)),\(c(y - s)) L\(c(x)),\(c(y + s))\"/>"
        }
    }

    /// Open shapes (cross, plus) are stroked only; the others are filled.
    var isStrokeOnly: Bool { self == .cross || self == .plus }
}
