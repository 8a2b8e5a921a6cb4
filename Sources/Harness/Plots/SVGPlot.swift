/// A small scatter/line plot written as standalone SVG 1.1 text (readable on GitHub and in browsers).
///
/// Series of markers (each with its own colour and shape), line series (e.g. y = x, or a step
/// curve), vertical reference lines with labels (e.g. θ thresholds; those off the x range listed
/// under the legend), a legend, and linear or log10 axes. Points that cannot be drawn (non-finite,
/// or ≤ 0 on a log axis) are skipped and counted: `render()` returns the count and the plot says so
/// in a footnote. Coordinates are written with
/// two decimals and everything is in input order, so the same plot always gives the same bytes.
public struct SVGPlot: Sendable {
    /// One data point.
    public struct Point: Equatable, Sendable {
        public var x: Double
        public var y: Double
        public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    }

    /// A named series: markers, a polyline, or both.
    public struct Series: Sendable {
        public enum Style: Sendable { case markers, line, lineAndMarkers }
        var name: String
        public var points: [Point]
        var style: Style = .markers
        /// A fixed colour (e.g. grey for a guide line such as y = x); nil for the palette's.
        var colour: String?
        /// The palette slot (colour, marker shape, dash) of the series; nil for its position in
        /// `series`. Fix it to give a category (e.g. a case family) the same look in several plots
        /// that do not all show every category.
        var styleIndex: Int?

        public init(name: String, points: [Point], style: Style = .markers, colour: String? = nil, styleIndex: Int? = nil) {
            self.name = name
            self.points = points
            self.style = style
            self.colour = colour
            self.styleIndex = styleIndex
        }
    }

    /// A labelled vertical line at x (drawn only when x lies in the x range).
    public struct VerticalLine: Sendable {
        var x: Double
        var label: String

        public init(x: Double, label: String) { (self.x, self.label) = (x, label) }
    }

    /// The result of rendering: the SVG text and the number of points that could not be drawn.
    public struct Rendered: Sendable {
        public var svg: String
        var skippedPoints: Int
    }

    var width = 760.0
    var height = 480.0
    /// Left, right (room for the legend), top (title and subtitle), bottom.
    var margins = (left: 78.0, right: 210.0, top: 56.0, bottom: 64.0)
    var title: String
    /// A second, smaller line under the title (what the plot shows, caveats).
    public var subtitle: String?
    var xAxis: PlotAxis
    var yAxis: PlotAxis
    public var series: [Series] = []
    /// Vertical reference lines.
    public var verticals: [VerticalLine] = []
    /// How far outside the data's x range (in axis units: decades on a log axis) a vertical line
    /// still widens the range to be drawn. Lines farther away are drawn only where the range
    /// reaches anyway, and listed as off scale otherwise. `.infinity` (the default): every line
    /// widens the range; 0: none does. Without data, every line widens it only when infinite.
    public var verticalsReach = Double.infinity
    /// Pixels between the plot frame and the data range on every side.
    static let inset = 8.0
    /// Least horizontal distance in pixels between two vertical lines' labels (rotated text of
    /// font size 10); a label closer to the previous one is left out, and the lines listed in the legend.
    static let verticalLabelGap = 12.0
    /// A label for the vertical lines as a group, shown in the legend.
    public var verticalsLegend: String?

    public init(title: String, subtitle: String? = nil, xAxis: PlotAxis, yAxis: PlotAxis) {
        self.title = title
        self.subtitle = subtitle
        self.xAxis = xAxis
        self.yAxis = yAxis
    }

    /// Text of the SVG, and how many points were skipped.
    public func render() -> Rendered {
        // The points each series can draw.
        var skipped = 0
        let drawable: [[Point]] = series.map { s in
            s.points.filter { p in
                let ok = xAxis.accepts(p.x) && yAxis.accepts(p.y)
                if !ok { skipped += 1 }
                return ok
            }
        }
        var xs = drawable.flatMap { $0.map(\.x) }
        let ys = drawable.flatMap { $0.map(\.y) }
        let refs = verticals.filter { xAxis.accepts($0.x) }
        let dataX = xs.map(xAxis.transform)
        if let lo = dataX.min(), let hi = dataX.max() {
            xs += refs.map(\.x).filter { let t = xAxis.transform($0); return t >= lo - verticalsReach && t <= hi + verticalsReach }
        } else if verticalsReach == .infinity {
            xs += refs.map(\.x)
        }
        let xr = xAxis.resolvedRange(for: xs)
        let yr = yAxis.resolvedRange(for: ys)

        let (left, top) = (margins.left, margins.top)
        let plotW = width - margins.left - margins.right
        let plotH = height - margins.top - margins.bottom
        // The data range maps to the plot area less an inset, so markers on the range's edges show whole.
        let inset = SVGPlot.inset
        func tx(_ t: Double) -> Double { left + inset + (t - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * (plotW - 2 * inset) }
        func ty(_ t: Double) -> Double { top + plotH - inset - (t - yr.lowerBound) / (yr.upperBound - yr.lowerBound) * (plotH - 2 * inset) }
        func px(_ x: Double) -> Double { tx(xAxis.transform(x)) }
        func py(_ y: Double) -> Double { ty(yAxis.transform(y)) }
        let c = SVGText.coord, e = SVGText.escape

        var out: [String] = []
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">")
        out.append("<title>\(e(title))</title>")
        out.append("<rect x=\"0\" y=\"0\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"#ffffff\"/>")
        out.append("<defs><clipPath id=\"plot-area\"><rect x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(plotW))\" height=\"\(c(plotH))\"/></clipPath></defs>")
        out.append("<text class=\"title\" x=\"\(c(left + plotW / 2))\" y=\"20.00\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(e(title))</text>")
        if let sub = subtitle {
            out.append("<text class=\"subtitle\" x=\"\(c(left + plotW / 2))\" y=\"38.00\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444444\">\(e(sub))</text>")
        }

        // Grid, ticks and tick labels.
        out.append("<g class=\"x-ticks\">")
        for t in xAxis.ticks(in: xr) {
            let x = tx(t.position)
            out.append("<line x1=\"\(c(x))\" y1=\"\(c(top))\" x2=\"\(c(x))\" y2=\"\(c(top + plotH))\" stroke=\"#e5e5e5\"/>")
            out.append("<text class=\"tick\" x=\"\(c(x))\" y=\"\(c(top + plotH + 16))\" text-anchor=\"middle\">\(e(t.label))</text>")
        }
        out.append("</g>")
        out.append("<g class=\"y-ticks\">")
        for t in yAxis.ticks(in: yr) {
            let y = ty(t.position)
            out.append("<line x1=\"\(c(left))\" y1=\"\(c(y))\" x2=\"\(c(left + plotW))\" y2=\"\(c(y))\" stroke=\"#e5e5e5\"/>")
            out.append("<text class=\"tick\" x=\"\(c(left - 6))\" y=\"\(c(y + 4))\" text-anchor=\"end\">\(e(t.label))</text>")
        }
        out.append("</g>")
        out.append("<rect class=\"frame\" x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(plotW))\" height=\"\(c(plotH))\" fill=\"none\" stroke=\"#333333\"/>")
        out.append("<text class=\"axis-label\" x=\"\(c(left + plotW / 2))\" y=\"\(c(top + plotH + 40))\" text-anchor=\"middle\">\(e(xAxis.label))</text>")
        let yl = (x: left - 58, y: top + plotH / 2)
        out.append("<text class=\"axis-label\" x=\"\(c(yl.x))\" y=\"\(c(yl.y))\" text-anchor=\"middle\" transform=\"rotate(-90 \(c(yl.x)) \(c(yl.y)))\">\(e(yAxis.label))</text>")

        // Reference lines, then the series, clipped to the plot area.
        out.append("<g clip-path=\"url(#plot-area)\">")
        let inRange = refs.filter { let t = xAxis.transform($0.x); return t >= xr.lowerBound && t <= xr.upperBound }
        // Left to right (ties in input order); a line's label is drawn beside it unless it would
        // overlap the previous label drawn, and then every line is also listed in the legend.
        let leftToRight = inRange.indices.sorted { (px(inRange[$0].x), $0) < (px(inRange[$1].x), $1) }.map { inRange[$0] }
        var labelled: [Bool] = []
        var lastLabelX = -Double.infinity
        for v in leftToRight {
            let fits = px(v.x) - lastLabelX >= SVGPlot.verticalLabelGap
            if fits { lastLabelX = px(v.x) }
            labelled.append(fits)
        }
        if !inRange.isEmpty {
            out.append("<g class=\"verticals\">")
            for (v, showLabel) in zip(leftToRight, labelled) {
                let x = px(v.x)
                out.append("<line data-label=\"\(e(v.label))\" x1=\"\(c(x))\" y1=\"\(c(top))\" x2=\"\(c(x))\" y2=\"\(c(top + plotH))\" stroke=\"#777777\" stroke-dasharray=\"4,3\"/>")
                if showLabel {
                    out.append("<text x=\"\(c(x - 3))\" y=\"\(c(top + 4))\" text-anchor=\"end\" font-size=\"10\" fill=\"#555555\" transform=\"rotate(-90 \(c(x - 3)) \(c(top + 4)))\">\(e(v.label))</text>")
                }
            }
            out.append("</g>")
        }
        for (i, s) in series.enumerated() {
            let k = s.styleIndex ?? i
            let colour = s.colour ?? PlotStyle.colour(k), shape = PlotStyle.marker(k)
            out.append("<g class=\"series\" data-name=\"\(e(s.name))\">")
            let pts = drawable[i]
            if s.style != .markers, pts.count > 1 {
                let d = pts.map { "\(c(px($0.x))),\(c(py($0.y)))" }.joined(separator: " ")
                let dash = PlotStyle.dash(k)
                let dashAttr = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
                out.append("<polyline class=\"line\" points=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\"\(dashAttr)/>")
            }
            if s.style != .line {
                let attrs = markerAttributes(shape: shape, colour: colour, cls: "m")
                for p in pts { out.append(shape.element(x: px(p.x), y: py(p.y), r: 4, attributes: attrs)) }
            }
            out.append("</g>")
        }
        out.append("</g>")

        // Legend, in the right margin.
        out.append("<g class=\"legend\">")
        var ly = top + 8
        let lx = left + plotW + 16
        for (i, s) in series.enumerated() {
            let k = s.styleIndex ?? i
            let colour = s.colour ?? PlotStyle.colour(k), shape = PlotStyle.marker(k)
            out.append("<g class=\"legend-entry\">")
            if s.style != .markers {
                let dash = PlotStyle.dash(k)
                let dashAttr = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
                out.append("<line x1=\"\(c(lx))\" y1=\"\(c(ly))\" x2=\"\(c(lx + 22))\" y2=\"\(c(ly))\" stroke=\"\(colour)\" stroke-width=\"1.8\"\(dashAttr)/>")
            }
            if s.style != .line {
                out.append(shape.element(x: lx + 11, y: ly, r: 4, attributes: markerAttributes(shape: shape, colour: colour, cls: "legend-marker")))
            }
            out.append("<text x=\"\(c(lx + 30))\" y=\"\(c(ly + 4))\">\(e(s.name))</text>")
            out.append("</g>")
            ly += 18
        }
        if let vl = verticalsLegend, !inRange.isEmpty {
            out.append("<g class=\"legend-note\">")
            out.append("<line x1=\"\(c(lx))\" y1=\"\(c(ly))\" x2=\"\(c(lx + 22))\" y2=\"\(c(ly))\" stroke=\"#777777\" stroke-dasharray=\"4,3\"/>")
            out.append("<text x=\"\(c(lx + 30))\" y=\"\(c(ly + 4))\">\(e(vl))</text>")
            out.append("</g>")
            ly += 18
        }
        // A titled list of vertical lines' labels under the legend, one per line.
        func labelList(group: String, title: String, item: String, _ lines: [VerticalLine]) {
            out.append("<g class=\"\(group)\" font-size=\"11\" fill=\"#555555\">")
            out.append("<text x=\"\(c(lx))\" y=\"\(c(ly + 4))\">\(title)</text>")
            for v in lines {
                ly += 15
                out.append("<text class=\"\(item)\" x=\"\(c(lx + 8))\" y=\"\(c(ly + 4))\">\(e(v.label))</text>")
            }
            out.append("</g>")
        }
        if labelled.contains(false) {
            labelList(group: "legend-verticals", title: "dashed, left to right:", item: "vertical-item", leftToRight)
            ly += 18
        }
        // Vertical lines off the scale, one a line under the legend (a list in a footnote would
        // run off the plot's width).
        let offScale = verticals.filter { v in !inRange.contains { $0.x == v.x && $0.label == v.label } }
        if !offScale.isEmpty {
            labelList(group: "legend-offscale", title: "off scale:", item: "offscale", offScale)
        }
        out.append("</g>")
        // Footnote: skipped points.
        if skipped > 0 {
            let what = skipped == 1 ? "1 point" : "\(skipped) points"
            let why = (xAxis.scale == .log10 || yAxis.scale == .log10) ? "non-finite, or zero or negative on a log axis" : "non-finite"
            out.append("<text class=\"skipped\" x=\"\(c(left))\" y=\"\(c(height - 6))\" font-size=\"10\" fill=\"#555555\">\(e("\(what) not shown (\(why))."))</text>")
        }
        out.append("</svg>")
        return Rendered(svg: out.joined(separator: "\n") + "\n", skippedPoints: skipped)
    }

    private func markerAttributes(shape: MarkerShape, colour: String, cls: String) -> String {
        shape.isStrokeOnly
            ? "class=\"\(cls)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\""
            : "class=\"\(cls)\" fill=\"\(colour)\" fill-opacity=\"0.75\" stroke=\"\(colour)\""
    }
}
