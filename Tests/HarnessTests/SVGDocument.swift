import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG file parsed with Foundation's `XMLParser` into a tree, for tests that ask what a plot
/// contains (series, markers, lines, texts) rather than searching its text. Parsing fails (nil) on
/// XML that is not well-formed.
final class SVGDocument {
    final class Element {
        let name: String
        let attributes: [String: String]
        private(set) var children: [Element] = []
        fileprivate(set) var text = ""

        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }

        fileprivate func append(_ child: Element) { children.append(child) }

        subscript(attribute: String) -> String? { attributes[attribute] }

        /// This element and all below it, depth first in document order.
        var descendants: [Element] { [self] + children.flatMap(\.descendants) }

        /// The elements below with class `cls` (as written, one class per element here).
        func all(class cls: String) -> [Element] { descendants.filter { $0["class"] == cls } }

        /// The text of this element and everything below it.
        var allText: String { descendants.map(\.text).joined() }
    }

    let root: Element

    init?(_ svg: String) {
        let parser = XMLParser(data: Data(svg.utf8))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        self.root = root
    }

    /// The `<g class="series">` groups by their `data-name`, in order.
    var series: [(name: String, group: Element)] {
        root.all(class: "series").map { ($0["data-name"] ?? "", $0) }
    }

    /// Marker elements (class "m") of each series, by series name.
    var markerCounts: [String: Int] {
        Dictionary(series.map { ($0.name, $0.group.all(class: "m").count) }, uniquingKeysWith: +)
    }

    /// Labels (`data-label`) of the vertical reference lines drawn, left to right.
    var verticalLines: [String] {
        root.all(class: "verticals").flatMap { $0.children.filter { $0.name == "line" }.map { $0["data-label"] ?? "" } }
    }

    /// The labels written beside vertical lines on the plot (crowded ones are left out).
    var verticalTexts: [String] {
        root.all(class: "verticals").flatMap { $0.children.filter { $0.name == "text" }.map(\.text) }
    }

    /// Vertical lines listed in the legend because some labels were crowded out.
    var verticalLegendItems: [String] { root.all(class: "vertical-item").map(\.text) }

    /// Labels of the vertical lines listed as off scale (under the legend).
    var offScaleLabels: [String] { root.all(class: "offscale").map(\.text) }

    /// The subtitle and footnote texts.
    var subtitle: String { root.all(class: "subtitle").map(\.allText).joined() }
    var footnote: String { root.all(class: "skipped").map(\.allText).joined() }

    /// Legend entry texts, in order.
    var legend: [String] {
        root.all(class: "legend-entry").map { $0.children.filter { $0.name == "text" }.map(\.text).joined() }
    }

    /// Tick labels of the x axis, in order.
    var xTicks: [String] { tickLabels("x-ticks") }
    var yTicks: [String] { tickLabels("y-ticks") }

    private func tickLabels(_ group: String) -> [String] {
        root.all(class: group).flatMap { $0.children.filter { $0["class"] == "tick" }.map(\.text) }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let e = Element(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.append(e) } else { root = e }
            stack.append(e)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
