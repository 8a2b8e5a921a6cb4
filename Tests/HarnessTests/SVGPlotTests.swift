import Candidates
import Foundation
import FoundationXML
@testable import Plots
import Testing

#if canImport(FoundationXML)
#endif


/// Whether `svg` is well-formed XML.
private func wellFormed(_ svg: String) -> Bool {
    XMLParser(data: Data(svg.utf8)).parse()
}

/// Occurrences of `needle` in `s`.
private func count(_ needle: String, in s: String) -> Int {
    s.components(separatedBy: needle).count - 1
}

/// The marker elements (class "m") in each `<g class="series"` group, in order.
private func markersPerSeries(_ svg: String) -> [Int] {
    svg.components(separatedBy: "<g class=\"series\"").dropFirst().map { chunk in
        count("class=\"m\"", in: String(chunk[..<chunk.range(of: "</g>")!.lowerBound]))
    }
}

/// The tick labels inside the group `<g class="<group>">`.
private func tickLabels(_ svg: String, group: String) -> [String] {
    let start = svg.range(of: "<g class=\"\(group)\">")!.upperBound
    let body = svg[start..<svg[start...].range(of: "</g>")!.lowerBound]
    return body.components(separatedBy: "<text class=\"tick\"").dropFirst().map { piece in
        let afterTag = piece[piece.range(of: ">")!.upperBound...]
        return String(afterTag[..<afterTag.range(of: "</text>")!.lowerBound])
    }
}

private func samplePlot() -> SVGPlot {
    var plot = SVGPlot(title: "errors", xAxis: PlotAxis(label: "‖A‖₁", scale: .log10),
                       yAxis: PlotAxis(label: "error", scale: .log10))
    plot.series = [
        SVGPlot.Series(name: "a", points: [.init(0.5, 1e-16), .init(3, 2e-15), .init(40, 1e-12)]),
        SVGPlot.Series(name: "b", points: [.init(1, 5e-14), .init(20, 3e-11)]),
        SVGPlot.Series(name: "y = x", points: [.init(1e-2, 1e-2), .init(1e2, 1e2)], style: .line),
    ]
    plot.verticals = [SVGPlot.VerticalLine(x: 2.5, label: "θ8")]
    return plot
}

@Suite("SVG plots")
struct SVGPlotTests {
    @Test("a plot is well-formed XML with its series, legend entries and markers")
    func structure() {
        let r = samplePlot().render()
        #expect(wellFormed(r.svg))
        #expect(r.skippedPoints == 0)
        #expect(count("<g class=\"series\"", in: r.svg) == 3)
        #expect(count("<g class=\"legend-entry\">", in: r.svg) == 3)
        #expect(markersPerSeries(r.svg) == [3, 2, 0])
        #expect(count("<polyline", in: r.svg) == 1)
        #expect(r.svg.contains("θ8"))
        #expect(!r.svg.contains("not shown"))
    }

    @Test("log axes tick at powers of ten; linear axes at 1-2-5 steps")
    func ticks() {
        let svg = samplePlot().render().svg
        // x data 1e-2 … 1e2, y data 1e-16 … 1e2.
        #expect(tickLabels(svg, group: "x-ticks") == ["1e-2", "1e-1", "1", "1e1", "1e2"])
        let y = tickLabels(svg, group: "y-ticks")
        #expect(y.first == "1e-16" && y.last == "1e2")
        #expect(y.allSatisfy { $0 == "1" || $0.hasPrefix("1e") })
        #expect(y.count <= 11)

        var lin = SVGPlot(title: "lin", xAxis: PlotAxis(label: "x"), yAxis: PlotAxis(label: "y", range: 0...1))
        lin.series = [SVGPlot.Series(name: "s", points: [.init(0, 0.1), .init(7, 0.9)])]
        let svg2 = lin.render().svg
        #expect(tickLabels(svg2, group: "y-ticks") == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(tickLabels(svg2, group: "x-ticks") == ["0", "1", "2", "3", "4", "5", "6", "7"])
    }

    @Test("points that a log axis cannot show are skipped and counted")
    func skipped() {
        var plot = SVGPlot(title: "t", xAxis: PlotAxis(label: "x", scale: .log10), yAxis: PlotAxis(label: "y"))
        plot.series = [SVGPlot.Series(name: "s", points: [
            .init(0, 1), .init(-1, 1), .init(.nan, 1), .init(1, .infinity), .init(1, 1), .init(10, 2),
        ])]
        let r = plot.render()
        #expect(r.skippedPoints == 4)
        #expect(markersPerSeries(r.svg) == [2])
        #expect(r.svg.contains("4 points not shown"))
        #expect(wellFormed(r.svg))
    }

    @Test("vertical lines inside the range are drawn, the others listed")
    func verticals() throws {
        var plot = samplePlot()
        plot.verticalsReach = 0
        plot.verticals = [SVGPlot.VerticalLine(x: 2.5, label: "θ8"), SVGPlot.VerticalLine(x: 1e-9, label: "θ1")]
        plot.verticalsLegend = "θ"
        let narrow = try #require(SVGDocument(plot.render().svg))
        #expect(narrow.verticalLines == ["θ8"] && narrow.verticalTexts == ["θ8"])
        #expect(narrow.offScaleLabels == ["θ1"])
        #expect(narrow.xTicks.first == "1e-2")
        plot.verticalsReach = .infinity
        let wide = try #require(SVGDocument(plot.render().svg))
        // 1e-9 … 1e2: eleven decades, labelled every second one.
        #expect(wide.xTicks == ["1e-8", "1e-6", "1e-4", "1e-2", "1", "1e2"])
        #expect(wide.verticalLines == ["θ1", "θ8"] && wide.verticalTexts == ["θ1", "θ8"])
        #expect(wide.verticalLegendItems.isEmpty)
        #expect(wide.offScaleLabels.isEmpty)
    }

    /// Data x from 1e-2 to 1e2: a line within one decade of it widens the range, one farther away
    /// does not, on either side.
    @Test("vertical lines widen the range only within their reach", arguments: [
        (x: 2e-3, drawn: true, firstTick: "1e-3", lastTick: "1e2"),
        (x: 9e-4, drawn: false, firstTick: "1e-2", lastTick: "1e2"),
        (x: 5e2, drawn: true, firstTick: "1e-2", lastTick: "1e3"),
        (x: 2e3, drawn: false, firstTick: "1e-2", lastTick: "1e2"),
    ])
    func reach(x: Double, drawn: Bool, firstTick: String, lastTick: String) throws {
        var plot = samplePlot()
        plot.verticalsReach = 1
        plot.verticals = [SVGPlot.VerticalLine(x: x, label: "θ")]
        let doc = try #require(SVGDocument(plot.render().svg))
        #expect(doc.verticalLines == (drawn ? ["θ"] : []))
        #expect(doc.offScaleLabels == (drawn ? [] : ["θ"]))
        #expect(doc.xTicks.first == firstTick && doc.xTicks.last == lastTick)
    }

    /// x from 1e-2 to 1e2 spans about 110 pixels a decade: lines at 3, 3.3 and 40 are 5 and 120
    /// pixels apart.
    @Test("crowded vertical lines keep every line, label the first, and are listed in the legend")
    func crowdedVerticals() throws {
        var plot = samplePlot()
        plot.verticals = [SVGPlot.VerticalLine(x: 40, label: "c"), SVGPlot.VerticalLine(x: 3.3, label: "b"),
                          SVGPlot.VerticalLine(x: 3, label: "a")]
        let doc = try #require(SVGDocument(plot.render().svg))
        #expect(doc.verticalLines == ["a", "b", "c"])
        #expect(doc.verticalTexts == ["a", "c"])
        #expect(doc.verticalLegendItems == ["a", "b", "c"])
        plot.verticals.removeLast()  // b alone near 3.3: nothing crowded, nothing listed
        let sparse = try #require(SVGDocument(plot.render().svg))
        #expect(sparse.verticalTexts == ["b", "c"] && sparse.verticalLegendItems.isEmpty)
    }

    @Test("a series' style index fixes its colour and marker whatever its position")
    func styleIndex() throws {
        var plot = samplePlot()
        plot.series[0].styleIndex = 2
        let doc = try #require(SVGDocument(plot.render().svg))
        let first = try #require(doc.series.first?.group.all(class: "m").first)
        #expect(first["fill"] == PlotStyle.colour(2))
        #expect(first.name == "path")  // PlotStyle.marker(2) is a triangle, a path; slot 0 would be a circle
        let second = try #require(doc.series[1].group.all(class: "m").first)
        #expect(second["fill"] == PlotStyle.colour(1) && second.name == "rect")
        let legendMarker = try #require(doc.root.all(class: "legend-marker").first)
        #expect(legendMarker["fill"] == PlotStyle.colour(2) && legendMarker.name == "path")
    }

    @Test("text is escaped for XML")
    func escaping() {
        var plot = samplePlot()
        plot.title = "A<B & C>D"
        plot.xAxis.label = "x \"quoted\" & 'single'"
        plot.series[0].name = "<cand&date>"
        let svg = plot.render().svg
        #expect(wellFormed(svg))
        #expect(svg.contains("A&lt;B &amp; C&gt;D"))
        #expect(svg.contains("&lt;cand&amp;date&gt;"))
        #expect(!svg.contains("<cand&date>") && !svg.contains("A<B"))
    }

    @Test("the same plot gives the same bytes")
    func determinism() {
        #expect(samplePlot().render().svg == samplePlot().render().svg)
        #expect(SVGText.coord(-0.001) == "0.00")
        #expect(SVGText.coord(12.3) == "12.30")
    }

    /// Two candidates, three cases, by hand. Errors A = (1, 4, failed), B = (2, 1, 3) (×1e-16):
    /// best = (1, 1, 3), so A's ratios are (1, 4, ∞) and B's (2, 1, 1).
    @Test("performance profile on a hand-made example")
    func profile() {
        let p = PerformanceProfile(names: ["A", "B"], errors: [[1e-16, 4e-16, nil], [2e-16, 1e-16, 3e-16]], floor: 1e-20)
        #expect(p.caseCount == 3)
        #expect(p.fraction(candidate: 0, alpha: 1) == 1.0 / 3)
        #expect(p.fraction(candidate: 1, alpha: 1) == 2.0 / 3)
        #expect(p.fraction(candidate: 0, alpha: 2) == 1.0 / 3)
        #expect(p.fraction(candidate: 1, alpha: 2) == 1)
        #expect(p.fraction(candidate: 0, alpha: 4) == 2.0 / 3)
        #expect(p.fraction(candidate: 0, alpha: 1e6) == 2.0 / 3)  // the failure never counts
        #expect(p.maxRatio == 4)
        let curve = p.curve(candidate: 0, alphaMax: 1e4)
        let third: Double = 1.0 / 3, twoThirds: Double = 2.0 / 3
        let expected: [SVGPlot.Point] = [
            SVGPlot.Point(1, third), SVGPlot.Point(4, third), SVGPlot.Point(4, twoThirds), SVGPlot.Point(1e4, twoThirds),
        ]
        #expect(curve == expected)

        // The floor: an exact result and one below the floor tie; NaN is a failure.
        let q = PerformanceProfile(names: ["A", "B"], errors: [[0, .nan], [1e-30, 1e-16]], floor: 1e-20)
        #expect(q.fraction(candidate: 0, alpha: 1) == 0.5)
        #expect(q.fraction(candidate: 1, alpha: 1) == 1)
    }
}
