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
        let (drawable, skipped) = drawablePoints()
        let frame = Frame(self, drawable: drawable)
        let placed = placeVerticals(frame)
        var out = header(frame)
        out += axes(frame)
        out.append("<g clip-path=\"url(#plot-area)\">")
        out += verticalLines(frame, placed)
        out += seriesElements(frame, drawable)
        out.append("</g>")
        out += legend(frame, placed)
        out += footnote(skipped)
        out.append("</svg>")
        return Rendered(svg: out.joined(separator: "\n") + "\n", skippedPoints: skipped)
    }

    /// The points each series can draw (finite, positive on a log axis), and how many it cannot.
    private func drawablePoints() -> ([[Point]], Int) {
        var skipped = 0
        let drawable: [[Point]] = series.map { s in
            s.points.filter { p in
                let ok = xAxis.accepts(p.x) && yAxis.accepts(p.y)
                if !ok { skipped += 1 }
                return ok
            }
        }
        return (drawable, skipped)
    }

    /// Where the data go: the plot area in pixels, the axes' ranges (widened by the vertical lines
    /// within reach) and the maps from data to pixels.
    struct Frame {
        let left: Double, top: Double, plotW: Double, plotH: Double
        let xr: ClosedRange<Double>, yr: ClosedRange<Double>
        let xAxis: PlotAxis, yAxis: PlotAxis
        /// The vertical lines the x axis can show at all.
        let refs: [VerticalLine]

        init(_ plot: SVGPlot, drawable: [[Point]]) {
            var xs = drawable.flatMap { $0.map(\.x) }
            let ys = drawable.flatMap { $0.map(\.y) }
            refs = plot.verticals.filter { plot.xAxis.accepts($0.x) }
            let dataX = xs.map(plot.xAxis.transform)
            if let lo = dataX.min(), let hi = dataX.max() {
                xs += refs.map(\.x).filter {
                    let t = plot.xAxis.transform($0)
                    return t >= lo - plot.verticalsReach && t <= hi + plot.verticalsReach
                }
            } else if plot.verticalsReach == .infinity {
                xs += refs.map(\.x)
            }
            xr = plot.xAxis.resolvedRange(for: xs)
            yr = plot.yAxis.resolvedRange(for: ys)
            (xAxis, yAxis) = (plot.xAxis, plot.yAxis)
            (left, top) = (plot.margins.left, plot.margins.top)
            plotW = plot.width - plot.margins.left - plot.margins.right
            plotH = plot.height - plot.margins.top - plot.margins.bottom
        }

        // The data range maps to the plot area less an inset, so markers on the range's edges show whole.
        func tx(_ t: Double) -> Double {
            left + SVGPlot.inset + (t - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * (plotW - 2 * SVGPlot.inset)
        }
        func ty(_ t: Double) -> Double {
            top + plotH - SVGPlot.inset - (t - yr.lowerBound) / (yr.upperBound - yr.lowerBound) * (plotH - 2 * SVGPlot.inset)
        }
        func px(_ x: Double) -> Double { tx(xAxis.transform(x)) }
        func py(_ y: Double) -> Double { ty(yAxis.transform(y)) }
    }

    /// The vertical lines inside the x range, left to right (ties in input order), each with whether its
    /// label is drawn beside it: not when it would overlap the previous label drawn (then every line is
    /// also listed in the legend).
    struct PlacedVerticals {
        var inRange: [VerticalLine]
        var leftToRight: [VerticalLine]
        var labelled: [Bool]
    }

    private func placeVerticals(_ f: Frame) -> PlacedVerticals {
        let inRange = f.refs.filter { let t = xAxis.transform($0.x); return t >= f.xr.lowerBound && t <= f.xr.upperBound }
        let leftToRight = inRange.indices.sorted { (f.px(inRange[$0].x), $0) < (f.px(inRange[$1].x), $1) }.map { inRange[$0] }
        var labelled: [Bool] = []
        var lastLabelX = -Double.infinity
        for v in leftToRight {
            let fits = f.px(v.x) - lastLabelX >= SVGPlot.verticalLabelGap
            if fits { lastLabelX = f.px(v.x) }
            labelled.append(fits)
        }
        return PlacedVerticals(inRange: inRange, leftToRight: leftToRight, labelled: labelled)
    }

    /// XML prolog, the svg element, title, background, clip path and the titles drawn.
    private func header(_ f: Frame) -> [String] {
        let c = SVGText.coord, e = SVGText.escape
        var out = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">",
            "<title>\(e(title))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"#ffffff\"/>",
            "<defs><clipPath id=\"plot-area\"><rect x=\"\(c(f.left))\" y=\"\(c(f.top))\" width=\"\(c(f.plotW))\" height=\"\(c(f.plotH))\"/></clipPath></defs>",
            "<text class=\"title\" x=\"\(c(f.left + f.plotW / 2))\" y=\"20.00\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(e(title))</text>",
        ]
        if let sub = subtitle {
            out.append("<text class=\"subtitle\" x=\"\(c(f.left + f.plotW / 2))\" y=\"38.00\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444444\">\(e(sub))</text>")
        }
        return out
    }

    /// Grid, ticks and tick labels, the frame and the axis labels.
    private func axes(_ f: Frame) -> [String] {
        let c = SVGText.coord, e = SVGText.escape
        var out = ["<g class=\"x-ticks\">"]
        for t in xAxis.ticks(in: f.xr) {
            let x = f.tx(t.position)
            out.append("<line x1=\"\(c(x))\" y1=\"\(c(f.top))\" x2=\"\(c(x))\" y2=\"\(c(f.top + f.plotH))\" stroke=\"#e5e5e5\"/>")
            out.append("<text class=\"tick\" x=\"\(c(x))\" y=\"\(c(f.top + f.plotH + 16))\" text-anchor=\"middle\">\(e(t.label))</text>")
        }
        out.append("</g>")
        out.append("<g class=\"y-ticks\">")
        for t in yAxis.ticks(in: f.yr) {
            let y = f.ty(t.position)
            out.append("<line x1=\"\(c(f.left))\" y1=\"\(c(y))\" x2=\"\(c(f.left + f.plotW))\" y2=\"\(c(y))\" stroke=\"#e5e5e5\"/>")
            out.append("<text class=\"tick\" x=\"\(c(f.left - 6))\" y=\"\(c(y + 4))\" text-anchor=\"end\">\(e(t.label))</text>")
        }
        out.append("</g>")
        out.append("<rect class=\"frame\" x=\"\(c(f.left))\" y=\"\(c(f.top))\" width=\"\(c(f.plotW))\" height=\"\(c(f.plotH))\" fill=\"none\" stroke=\"#333333\"/>")
        out.append("<text class=\"axis-label\" x=\"\(c(f.left + f.plotW / 2))\" y=\"\(c(f.top + f.plotH + 40))\" text-anchor=\"middle\">\(e(xAxis.label))</text>")
        let yl = (x: f.left - 58, y: f.top + f.plotH / 2)
        out.append("<text class=\"axis-label\" x=\"\(c(yl.x))\" y=\"\(c(yl.y))\" text-anchor=\"middle\" transform=\"rotate(-90 \(c(yl.x)) \(c(yl.y)))\">\(e(yAxis.label))</text>")
        return out
    }

    /// The dashed vertical lines in range, with their labels where they fit.
    private func verticalLines(_ f: Frame, _ placed: PlacedVerticals) -> [String] {
        guard !placed.inRange.isEmpty else { return [] }
        let c = SVGText.coord, e = SVGText.escape
        var out = ["<g class=\"verticals\">"]
        for (v, showLabel) in zip(placed.leftToRight, placed.labelled) {
            let x = f.px(v.x)
            out.append("<line data-label=\"\(e(v.label))\" x1=\"\(c(x))\" y1=\"\(c(f.top))\" x2=\"\(c(x))\" y2=\"\(c(f.top + f.plotH))\" stroke=\"#777777\" stroke-dasharray=\"4,3\"/>")
            if showLabel {
                out.append("<text x=\"\(c(x - 3))\" y=\"\(c(f.top + 4))\" text-anchor=\"end\" font-size=\"10\" fill=\"#555555\" transform=\"rotate(-90 \(c(x - 3)) \(c(f.top + 4)))\">\(e(v.label))</text>")
            }
        }
        out.append("</g>")
        return out
    }

    /// Each series' line and markers.
    private func seriesElements(_ f: Frame, _ drawable: [[Point]]) -> [String] {
        let c = SVGText.coord, e = SVGText.escape
        var out = [String]()
        for (i, s) in series.enumerated() {
            let k = s.styleIndex ?? i
            let colour = s.colour ?? PlotStyle.colour(k), shape = PlotStyle.marker(k)
            out.append("<g class=\"series\" data-name=\"\(e(s.name))\">")
            let pts = drawable[i]
            if s.style != .markers, pts.count > 1 {
                let d = pts.map { "\(c(f.px($0.x))),\(c(f.py($0.y)))" }.joined(separator: " ")
                out.append("<polyline class=\"line\" points=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\"\(dashAttribute(k))/>")
            }
            if s.style != .line {
                let attrs = markerAttributes(shape: shape, colour: colour, cls: "m")
                for p in pts { out.append(shape.element(x: f.px(p.x), y: f.py(p.y), r: 4, attributes: attrs)) }
            }
            out.append("</g>")
        }
        return out
    }

    /// The legend in the right margin: one entry per series, the vertical lines' group label, the list
    /// of their labels when some could not be drawn beside them, and the lines off the scale.
    private func legend(_ f: Frame, _ placed: PlacedVerticals) -> [String] {
        let c = SVGText.coord, e = SVGText.escape
        var out = ["<g class=\"legend\">"]
        var ly = f.top + 8
        let lx = f.left + f.plotW + 16
        for (i, s) in series.enumerated() {
            let k = s.styleIndex ?? i
            let colour = s.colour ?? PlotStyle.colour(k), shape = PlotStyle.marker(k)
            out.append("<g class=\"legend-entry\">")
            if s.style != .markers {
                out.append("<line x1=\"\(c(lx))\" y1=\"\(c(ly))\" x2=\"\(c(lx + 22))\" y2=\"\(c(ly))\" stroke=\"\(colour)\" stroke-width=\"1.8\"\(dashAttribute(k))/>")
            }
            if s.style != .line {
                out.append(shape.element(x: lx + 11, y: ly, r: 4, attributes: markerAttributes(shape: shape, colour: colour, cls: "legend-marker")))
            }
            out.append("<text x=\"\(c(lx + 30))\" y=\"\(c(ly + 4))\">\(e(s.name))</text>")
            out.append("</g>")
            ly += 18
        }
        if let vl = verticalsLegend, !placed.inRange.isEmpty {
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
        if placed.labelled.contains(false) {
            labelList(group: "legend-verticals", title: "dashed, left to right:", item: "vertical-item", placed.leftToRight)
            ly += 18
        }
        // Vertical lines off the scale, one a line under the legend (a list in a footnote would
        // run off the plot's width).
        let offScale = verticals.filter { v in !placed.inRange.contains { $0.x == v.x && $0.label == v.label } }
        if !offScale.isEmpty {
            labelList(group: "legend-offscale", title: "off scale:", item: "offscale", offScale)
        }
        out.append("</g>")
        return out
    }

    /// The footnote counting points that could not be drawn, if any.
    private func footnote(_ skipped: Int) -> [String] {
        guard skipped > 0 else { return [] }
        let what = skipped == 1 ? "1 point" : "\(skipped) points"
        let why = (xAxis.scale == .log10 || yAxis.scale == .log10) ? "non-finite, or zero or negative on a log axis" : "non-finite"
        return ["<text class=\"skipped\" x=\"\(SVGText.coord(margins.left))\" y=\"\(SVGText.coord(height - 6))\" font-size=\"10\" fill=\"#555555\">\(SVGText.escape("\(what) not shown (\(why))."))</text>"]
    }

    /// The stroke-dasharray attribute of style slot k ("" for a solid line).
    private func dashAttribute(_ k: Int) -> String {
        let dash = PlotStyle.dash(k)
        return dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
    }

    private func markerAttributes(shape: MarkerShape, colour: String, cls: String) -> String {
        shape.isStrokeOnly
            ? "class=\"\(cls)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\""
            : "class=\"\(cls)\" fill=\"\(colour)\" fill-opacity=\"0.75\" stroke=\"\(colour)\""
    }
}
