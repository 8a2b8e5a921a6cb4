import Candidates
import Foundation
@testable import Linalg
@testable import Measurement
@testable import Plots
@testable import Reporting
import Testing


/// One small real run shared by the tests: four n = 4 cases of three families (‖A‖₁ from 0.39 to
/// 54), both precisions of four candidates: two with θ thresholds, taylor-naive (one scheme, θ = ∞)
/// and eig (no scheme).
private let sampleRun: RunResults = {
    let ids = ["randn-s0.1-n4-seed1", "randn-s1.0-n4-seed1", "nilpotent-shift-n4", "illcond-exact-k3-n4-seed1"]
    let candidates = CandidateRegistry.nativeCandidates.filter { ["mlx-proposal-t8", "pade13-higham05", "taylor-naive", "eig"].contains($0.name) }
    return Runner(config: quickConfig(ids, candidates)).run()
}()

/// In registry order, which is the run's.
private let sampleCandidates = ["mlx-proposal-t8", "pade13-higham05", "eig", "taylor-naive"]

/// The judged results of one candidate in one precision that carry an error, with their case.
private func judgedWithError(_ run: RunResults, _ candidate: String, _ precision: Precision) -> [(CaseRecord, CandidateRecord)] {
    run.cases.flatMap { c in
        c.results.filter { $0.candidate == candidate && $0.precision == precision && $0.verdict != .excluded && $0.errors != nil }
            .map { (c, $0) }
    }
}

/// Whether a point can be drawn on log–log axes (errors above 1 are drawn at 1, so still drawable).
private func drawable(_ x: Double, _ error: Double) -> Bool {
    x.isFinite && x > 0 && error.isFinite && error > 0
}

/// The exponent k of a log-axis tick label ("1" for 0, "1e-2" for -2).
private func decade(_ tick: String) -> Int? {
    tick == "1" ? 0 : Int(tick.dropFirst(2))
}

@Suite("Report plots")
struct ReportPlotsTests {
    @Test("a run writes the overview plots per precision, then one error-vs-‖A‖₁ plot per candidate and precision")
    func fileNames() throws {
        let run = sampleRun
        #expect(ReportPlots.candidateNames(run) == sampleCandidates)
        let expected = [Precision.float32, .float64].flatMap { p in
            ["error-vs-norm-\(p).svg", "performance-profile-\(p).svg", "error-vs-kappa-\(p).svg"]
        } + sampleCandidates.flatMap { c in [Precision.float32, .float64].map { "error-vs-norm-\(c)-\($0).svg" } }
        #expect(ReportPlots.plots(run).map(\.file.name) == expected)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reportplots-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ReportPlots.write(run, to: dir)
        #expect(files.map(\.name) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == expected.sorted())
        for name in expected {
            let svg = try String(contentsOfFile: (dir as NSString).appendingPathComponent(name), encoding: .utf8)
            #expect(SVGDocument(svg) != nil, "\(name) is not well-formed XML")
        }
        #expect(files.filter { $0.candidate != nil }.allSatisfy { $0.kind == .errorVsNorm })

        // Only float64 results: only float64 plots.
        var only64 = run
        for i in only64.cases.indices { only64.cases[i].results.removeAll { $0.precision == .float32 } }
        #expect(ReportPlots.plots(only64).map(\.file.name) == expected.filter { $0.hasSuffix("-float64.svg") })
    }

    @Test("a candidate name becomes a safe file name")
    func safeFileName() {
        let f = ReportPlots.File(kind: .errorVsNorm, precision: .float64, candidate: "a/b c@d")
        #expect(f.name == "error-vs-norm-a-b-c-d-float64.svg")
        #expect(ReportPlots.File(kind: .errorVsKappa, precision: .float32).name == "error-vs-kappa-float32.svg")
    }

    @Test("per-candidate plot: one series per family present, its points, exactly its θ lines in range",
          arguments: sampleCandidates, [Precision.float32, .float64])
    func perCandidate(candidate: String, precision: Precision) throws {
        let run = sampleRun
        let doc = try #require(SVGDocument(ReportPlots.errorVsNorm(run, precision: precision, candidate: candidate).render().svg))

        // Series: the families with a result, in the run's family order, each with its drawable points.
        let records = judgedWithError(run, candidate, precision)
        let families = run.info.families.filter { f in records.contains { $0.0.family == f } }
        #expect(!families.isEmpty)
        #expect(doc.series.map(\.name) == families)
        for f in families {
            let points = records.filter { $0.0.family == f && drawable($0.0.norm1, $0.1.errors!.normwiseRelative) }
            #expect(doc.markerCounts[f] == points.count, "\(f)")
        }
        #expect(doc.legend == families)

        // θ lines: the candidate's finite positive θ, each either drawn (inside the x range) or listed off scale.
        let thetas = SchemeCatalog.all.filter { $0.candidate == candidate }.map { ($0.label, $0.maxNorm(precision: precision)) }
            .filter { $0.1.isFinite && $0.1 > 0 }
            .map { (label: "θ(\($0.0)) = \(SVGText.scientific($0.1))", theta: $0.1) }
        let drawn = doc.verticalLines, offScale = doc.offScaleLabels
        #expect(Set(drawn).isDisjoint(with: offScale))
        #expect((drawn + offScale).sorted() == thetas.map(\.label).sorted())
        let lo = try #require(doc.xTicks.first.flatMap(decade)), hi = try #require(doc.xTicks.last.flatMap(decade))
        let inRange = thetas.filter { log10($0.theta) >= Double(lo) && log10($0.theta) <= Double(hi) }
        #expect(drawn == inRange.sorted { $0.theta < $1.theta }.map(\.label))
        // Within a decade of the data: drawn. The data itself is not squeezed by far-off θ.
        let norms = records.map(\.0.norm1).filter { $0 > 0 }
        let (nMin, nMax) = (try #require(norms.min()), try #require(norms.max()))
        for t in thetas where t.theta >= nMin / 10 && t.theta <= nMax * 10 { #expect(drawn.contains(t.label), "\(t.label)") }
        #expect(Double(lo) >= floor(log10(nMin)) - 1)

        switch candidate {
        case "mlx-proposal-t8":
            #expect(!drawn.isEmpty && offScale.contains { $0.hasPrefix("θ(T1)") })
        case "pade13-higham05":
            #expect(!drawn.isEmpty)
            if precision == .float32 { #expect(!(drawn + offScale).contains { $0.hasPrefix("θ(P13)") }) }  // θ = 0: not used
        case "taylor-naive":
            #expect(thetas.isEmpty && doc.subtitle.contains("no θ lines: T12-naive used at every ‖A‖₁"))
        default:
            #expect(thetas.isEmpty && doc.subtitle.contains("no θ lines: eig chooses no scheme by ‖A‖₁"))
        }
        if thetas.isEmpty { #expect(doc.root.all(class: "verticals").isEmpty && !doc.subtitle.contains("dashed")) }
    }

    @Test("families keep their colour and marker across candidates' plots")
    func familyStyle() throws {
        var run = sampleRun
        // Drop the first family's results of one candidate: the other families must not change look.
        let first = try #require(run.info.families.first)
        for i in run.cases.indices where run.cases[i].family == first {
            run.cases[i].results.removeAll { $0.candidate == "pade13-higham05" }
        }
        func look(_ candidate: String) throws -> [String: String] {
            let doc = try #require(SVGDocument(ReportPlots.errorVsNorm(run, precision: .float64, candidate: candidate).render().svg))
            return Dictionary(uniqueKeysWithValues: doc.series.compactMap { s in
                s.group.all(class: "m").first.map { (s.name, "\($0.name) \($0["stroke"] ?? "")") }
            })
        }
        let withAll = try look("mlx-proposal-t8"), without = try look("pade13-higham05")
        #expect(withAll[first] != nil && without[first] == nil)
        #expect(without.count >= 2)
        for (family, style) in without { #expect(withAll[family] == style, "\(family)") }
    }

    @Test("κ plot: one series per candidate at x = max(1, κ)·u, the line y = x and the pass bound y = c·x",
          arguments: [Precision.float32, .float64])
    func kappa(precision: Precision) throws {
        let run = sampleRun
        let plot = ReportPlots.errorVsKappa(run, precision: precision)
        let doc = try #require(SVGDocument(plot.render().svg))
        let boundName = "pass bound c·κ·u (c = \(Int(Verdict.boundConstant)))"
        #expect(doc.series.map(\.name) == sampleCandidates + ["y = x", boundName])
        #expect(doc.root.all(class: "axis-label").contains { $0.text.contains("max(1, κ_exp(A))·u") })

        let u = precision == .float32 ? 0x1p-24 : 0x1p-53
        var allX: [Double] = []
        for name in sampleCandidates {
            let xs = judgedWithError(run, name, precision).compactMap { c, r -> Double? in
                guard let k = c.reference.evidence.kappa else { return nil }
                return drawable(max(1, k) * u, r.errors!.normwiseRelative) ? max(1, k) * u : nil
            }
            #expect(doc.markerCounts[name] == xs.count, "\(name)")
            let series = try #require(plot.series.first { $0.name == name })
            #expect(series.points.map(\.x).filter { $0 > 0 }.sorted() == xs.sorted())
            allX += xs
        }
        #expect(!allX.isEmpty)
        let (lo, hi) = (allX.min()!, allX.max()!)
        // The guides are lines (a polyline each) in data units: y = x up to the error ceiling 1,
        // y = c·x up to the ceiling too.
        let identity = try #require(plot.series.first { $0.name == "y = x" })
        #expect(identity.points == [SVGPlot.Point(lo, lo), SVGPlot.Point(min(hi, 1), min(hi, 1))])
        let bound = try #require(plot.series.first { $0.name == boundName })
        #expect(bound.points.first?.x == lo && bound.points.last?.x == min(hi, 1 / Verdict.boundConstant))
        #expect(bound.points.allSatisfy { $0.y == Verdict.boundConstant * $0.x })
        for name in ["y = x", boundName] {
            let group = try #require(doc.series.first { $0.name == name }?.group)
            #expect(group.children.filter { $0.name == "polyline" }.count == 1 && group.all(class: "m").isEmpty)
        }
    }

    /// The bound is not capped (the problem may allow no correct digit); it is drawn up to where it
    /// reaches the error ceiling 1, at x = 1/c, since errors above 1 are drawn at 1.
    @Test("the pass bound is y = c·x, drawn up to the error ceiling")
    func passBound() {
        let c = Verdict.boundConstant, edge = 1 / c
        #expect(ReportPlots.passBound(from: 1e-10, to: 1e3) == [SVGPlot.Point(1e-10, c * 1e-10), SVGPlot.Point(edge, 1)])
        #expect(ReportPlots.passBound(from: 1e-10, to: edge / 2) == [SVGPlot.Point(1e-10, c * 1e-10), SVGPlot.Point(edge / 2, 0.5)])
        #expect(ReportPlots.passBound(from: 1, to: 10).isEmpty)
    }

    @Test("overview plots: every candidate, no θ lines; the performance profile")
    func overview() throws {
        let run = sampleRun
        for p in [Precision.float32, .float64] {
            let doc = try #require(SVGDocument(ReportPlots.errorVsNorm(run, precision: p).render().svg))
            #expect(doc.series.map(\.name) == sampleCandidates)
            #expect(doc.verticalLines.isEmpty && doc.offScaleLabels.isEmpty)
            for name in sampleCandidates {
                let n = judgedWithError(run, name, p).filter { drawable($0.0.norm1, $0.1.errors!.normwiseRelative) }.count
                #expect(doc.markerCounts[name] == n, "\(name)@\(p)")
            }
        }
        let profile = ReportPlots.performanceProfile(run, precision: .float64)
        #expect(profile.names == sampleCandidates)
        #expect(profile.caseCount == run.cases.filter { c in
            sampleCandidates.allSatisfy { n in c.results.contains { $0.candidate == n && $0.precision == .float64 && $0.verdict != .excluded } }
        }.count)
        // At α = 1 someone is best on every case.
        #expect((0..<sampleCandidates.count).map { profile.fraction(candidate: $0, alpha: 1) }.reduce(0, +) >= 1)
    }

    @Test("the same results give the same bytes")
    func determinism() {
        let a = ReportPlots.plots(sampleRun).map { $0.plot.render().svg }
        let b = ReportPlots.plots(sampleRun).map { $0.plot.render().svg }
        #expect(a == b)
    }

    @Test("the report embeds the overview plots per precision, then a table of each candidate's plots")
    func markdown() throws {
        let run = sampleRun
        let md = MarkdownReport(results: run, plots: ReportPlots.plots(run).map(\.file)).render()
        let section = try #require(md.components(separatedBy: "## Plots").dropFirst().first?.components(separatedBy: "\n## ").first)
        let table = try #require(section.range(of: "### Error vs ‖A‖₁ per candidate, with its θ"))
        for p in [Precision.float32, .float64] {
            for kind in ["error-vs-norm", "performance-profile", "error-vs-kappa"] {
                let image = try #require(section.range(of: "![\(kind)-\(p).svg](\(kind)-\(p).svg)"), "\(kind)-\(p)")
                #expect(image.upperBound <= table.lowerBound)
            }
        }
        #expect(section.contains("| candidate | float32 | float64 |"))
        for c in sampleCandidates {
            let row = try #require(section.components(separatedBy: "\n").first { $0.hasPrefix("| `\(c)` |") })
            #expect(row.contains("src=\"error-vs-norm-\(c)-float32.svg\"") && row.contains("src=\"error-vs-norm-\(c)-float64.svg\""))
        }
        #expect(!md.contains("error-vs-bound"))
    }
}
