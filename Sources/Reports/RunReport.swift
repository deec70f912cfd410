import Basics
import Conversation
import Foundation
import JSON
import PromptGateModel

extension RunReport {
    /// The JSON report: `run_id`, `prompt`, `summary` and `cases`, keys sorted for stable
    /// output; the same bytes ``RunJSONReport`` streams.
    public func json() -> String {
        let writer = RunJSONReport(info: info, summary: summary)
        var out = RunJSONReport.head
        for (index, r) in results.enumerated() { out += RunJSONReport.item(r, first: index == 0) }
        return out + writer.tail(metrics: metrics ?? NamedMetrics.means(results))
    }

    /// The text report: one line per failing or erroring case with its reasons, then a summary.
    /// Cases that failed with the same error message are one line, "N cases: message",
    /// naming the first ``errorGroupShown`` of them.
    public func text(style: TerminalStyle) -> String {
        var out = ""
        let errorGroups = Dictionary(grouping: results.filter { $0.error != nil }) {
            $0.error ?? ""
        }
        var printedGroups: Set<String> = []
        for r in results where !r.passed || r.error != nil {
            let rep = info.repeatCount > 1 ? " #\(r.repeatIndex + 1)" : ""
            let name = TerminalText.sanitize("\(r.suite)/\(r.caseID)")
            if let error = r.error {
                let group = errorGroups[error] ?? []
                if group.count > 1 {
                    guard printedGroups.insert(error).inserted else { continue }
                    out += "\(style.yellow("ERROR")) \(group.count) cases: \(oneLine(error)) "
                    out += "(\(TerminalText.sanitize(caseList(group))))\n"
                    continue
                }
                out += "\(style.yellow("ERROR")) \(name)\(rep): \(oneLine(error))\n"
                out += trajectoryLines(r)
                continue
            }
            let reasons = r.assertions.filter { !$0.passed && !$0.skipped }
                .map { "\(oneLine($0.type)): \(oneLine($0.reason))" }
            out += "\(style.red("FAIL")) \(name)\(rep): \(reasons.joined(separator: "; "))\n"
            out += trajectoryLines(r)
        }
        let s = summary
        let rate = String(format: "%.1f%%", s.passRate * 100)
        let status = info.status == .completed ? "" : " [\(info.status.rawValue)]"
        out +=
            "\n\(style.bold("run \(info.id)")) \(TerminalText.sanitize(info.promptRef)) on \(TerminalText.sanitize(info.suiteNames.joined(separator: ", "))) "
        out += "(\(TerminalText.sanitize(info.providerName)), \(modeLine))\(status)\n"
        out += "\(plural(s.total, "case")): \(style.green("\(s.passed) passed")), "
        out += "\(s.failed > 0 ? style.red("\(s.failed) failed") : "0 failed"), "
        out += "\(s.errors > 0 ? style.yellow(plural(s.errors, "error")) : "0 errors")"
        out += " · pass rate \(rate)"
        out += " · tokens \(s.promptTokens)+\(s.completionTokens)"
        if s.retries > 0 { out += " · \(plural(s.retries, "retry"))" }
        out += String(format: " · %.2fs\n", s.wallSeconds)
        out += CostText.line(s) + "\n"
        if let shard = s.shard { out += "shard \(shard) of the suites' cases\n" }
        let metrics = self.metrics ?? NamedMetrics.means(results)
        if !metrics.isEmpty {
            out += "metrics: \(TerminalText.sanitize(NamedMetrics.line(metrics)))\n"
        }
        if s.total < s.planned {
            out += "\(s.planned - s.total) of \(plural(s.planned, "planned case")) did not run\n"
        }
        if info.status == .stale {
            out += "its process is gone; finish it with 'promptgate run --resume \(info.id)'\n"
        }
        if info.status == .completedWithErrors {
            out +=
                "errored cases are no evidence; finish with: promptgate run --resume \(info.id)\n"
        }
        return out
    }

    /// The run's mode and where its answers came from: `live: 21 sent, 18 from cache`,
    /// `offline: 39 from recordings`. From the summary (the text report holds only the failing
    /// results): every result not from the cache was sent, or offline read from the
    /// recordings. A run that sends always says how many it sent, so one answered entirely
    /// from the cache reads `live: 0 sent, 39 from cache`.
    public var modeLine: String {
        let s = summary
        let mode = TerminalText.sanitize(info.mode)
        guard s.total > 0 else { return mode }
        let others = max(0, s.total - s.cached)
        var parts: [String] = []
        if info.mode == "offline" {
            if others > 0 { parts.append("\(others) from recordings") }
        } else {
            parts.append("\(others) sent")
        }
        if s.cached > 0 { parts.append("\(s.cached) from cache") }
        return "\(mode): " + parts.joined(separator: ", ")
    }

    /// The steps of a failing or erroring case that called tools, indented under its line.
    private func trajectoryLines(_ r: CaseResult) -> String {
        AgentStep.reportLines(r.trajectory).map { "    \(oneLine($0))\n" }.joined()
    }

    /// How many case ids a collapsed error line names.
    public static let errorGroupShown = 3

    /// `s/a, s/b, s/c and 397 more`.
    private func caseList(_ group: [CaseResult]) -> String {
        let names = group.prefix(Self.errorGroupShown).map { r in
            "\(r.suite)/\(r.caseID)" + (info.repeatCount > 1 ? " #\(r.repeatIndex + 1)" : "")
        }
        let more = group.count - names.count
        return names.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
    }

    /// Untrusted text on one line: capped (``TerminalText/capped(_:limit:)``), line breaks
    /// shown as `⏎`, control characters escaped.
    private func oneLine(_ s: String) -> String {
        TerminalText.sanitize(TerminalText.capped(s).replacingOccurrences(of: "\n", with: " ⏎ "))
    }

    /// Exit status of `run`: 3 when errors left results incomplete, 1 when a case failed.
    public var exitStatus: ExitStatus {
        let s = summary
        if info.status != .completed || s.errors > 0 { return .infrastructure }
        return s.failed > 0 ? .failed : .ok
    }
}
