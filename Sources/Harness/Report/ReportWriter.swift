import FileIO
import Foundation
import Measurement

/// Writes a run's report and results, atomically.
public enum ReportWriter {
    public static func write(_ results: RunResults, to dir: String) throws {
        do {
            try AtomicWrite.write(try JSON.encode(results), to: "\(dir)/results.json")
            let plots = try ReportPlots.write(results, to: dir)
            try AtomicWrite.write(MarkdownReport(results: results, plots: plots).render(), to: "\(dir)/REPORT.md")
        } catch {
            throw HarnessError.io("cannot write the report to \(dir): \(error.localizedDescription)")
        }
    }

    public static func summaryLine(_ r: RunResults, dir: String) -> String {
        let all = r.cases.flatMap(\.results)
        let count = { (v: Verdict) in all.filter { $0.verdict == v }.count }
        return "\(r.cases.count) cases × \(r.info.candidates.count) candidates: \(count(.pass)) passed, "
            + "\(count(.fail)) failed, \(count(.excluded)) excluded; report: \(dir)/REPORT.md"
    }
}
