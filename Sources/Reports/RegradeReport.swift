import Basics
import Engine
import Foundation
import PromptGateModel

/// What `promptgate regrade` prints: the verdicts that changed, what could not be regraded,
/// and the new run (or, with `--dry-run`, the assertions that changed and the judge calls).
public enum RegradeReport {
    public static func text(_ regrade: Regrade, outcome: Regrade.Outcome?) -> String {
        let safe = TerminalText.sanitize
        let source = regrade.source
        var out = ""
        if let outcome {
            let s = outcome.info.summary ?? RunSummary()
            out +=
                "regraded run \(source.id) (\(safe(source.promptRef))) as run \(outcome.info.id): \(plural(regrade.regradable, "stored output")) graded with the assertions as they are now; no model request sent\n"
            out +=
                "  \(s.passed)/\(s.passed + s.failed) passed (\(String(format: "%.1f", s.passRate * 100))%)"
            out += s.errors > 0 ? ", \(plural(s.errors, "error"))\n" : "\n"
            out +=
                "  \(plural(outcome.gradedEvaluations, "graded assertion")) evaluated (judges answered from the cache or recordings where asked before)\n"
            out +=
                "  \(plural(outcome.changes.count, "verdict")) changed\(outcome.changes.isEmpty ? "" : ":")\n"
            for change in outcome.changes.prefix(50) { out += "    " + safe(line(change)) + "\n" }
            if outcome.changes.count > 50 {
                out += "    … and \(outcome.changes.count - 50) more\n"
            }
        } else {
            let changes = regrade.preview()
            out +=
                "dry run: regrade run \(source.id) (\(safe(source.promptRef))): \(plural(regrade.regradable, "stored output")) to grade again; nothing stored, no request sent\n"
            out +=
                "  judge calls: up to \(regrade.gradedEvaluations) (fewer when the cache or recordings answer)\n"
            out +=
                "  \(plural(changes.count, "case")) whose assertions or verdict changed\(changes.isEmpty ? "" : ":")\n"
            for change in changes.prefix(50) { out += "    " + safe(line(change)) + "\n" }
            if changes.count > 50 { out += "    … and \(changes.count - 50) more\n" }
        }
        out += skipped(regrade).map { "  " + safe($0) + "\n" }.joined()
        if let outcome {
            out += "compare it: promptgate compare run:\(source.id) run:\(outcome.info.id)\n"
        }
        return out
    }

    public static func json(_ regrade: Regrade, outcome: Regrade.Outcome?) -> String {
        func change(_ c: Regrade.Change) -> [String: Any] {
            [
                "suite": c.suite, "id": c.caseID, "repeat": c.repeatIndex,
                "assertions_before": c.before, "assertions_now": c.now,
                "passed_before": c.passedBefore, "passed_now": c.passedNow ?? NSNull(),
            ]
        }
        var object: [String: Any] = [
            "source_run": regrade.source.id, "prompt": regrade.source.promptRef,
            "regradable": regrade.regradable, "graded_evaluations": regrade.gradedEvaluations,
            "stale": regrade.stale, "dropped": regrade.dropped, "missing": regrade.missing,
            "model_requests": 0,
        ]
        if let outcome {
            let s = outcome.info.summary ?? RunSummary()
            object["dry_run"] = false
            object["run"] = outcome.info.id
            object["regraded_from"] = regrade.source.id
            object["changes"] = outcome.changes.map(change)
            object["summary"] = ["passed": s.passed, "failed": s.failed, "errors": s.errors]
        } else {
            object["dry_run"] = true
            object["changes"] = regrade.preview().map(change)
        }
        return (try? JSONText.pretty(object)) ?? "{}\n"
    }

    /// "s/c3: fail → pass (contains → contains, not-contains)".
    static func line(_ c: Regrade.Change) -> String {
        let rep = c.repeatIndex > 0 ? " repeat \(c.repeatIndex + 1)" : ""
        let now = c.passedNow.map { $0 ? "pass" : "fail" } ?? "needs the judge"
        var out = "\(c.suite)/\(c.caseID)\(rep): \(c.passedBefore ? "pass" : "fail") → \(now)"
        if c.before != c.now {
            out +=
                " (assertions \(c.before.joined(separator: ", ")) → \(c.now.joined(separator: ", ")))"
        }
        return out
    }

    static func skipped(_ regrade: Regrade) -> [String] {
        func list(_ names: [String]) -> String {
            names.prefix(5).joined(separator: ", ")
                + (names.count > 5 ? " and \(names.count - 5) more" : "")
        }
        var out: [String] = []
        if !regrade.stale.isEmpty {
            out.append(
                "not regraded: \(plural(regrade.stale.count, "case")) whose request changed since the run (vars or prompt edited): \(list(regrade.stale)); run them again"
            )
        }
        if !regrade.missing.isEmpty {
            out.append(
                "not in the run: \(plural(regrade.missing.count, "case")) added since: \(list(regrade.missing)); a compare of the regraded run calls them not-run"
            )
        }
        if !regrade.dropped.isEmpty {
            out.append(
                "dropped: \(plural(regrade.dropped.count, "case")) no longer in the suites: \(list(regrade.dropped))"
            )
        }
        return out
    }
}
