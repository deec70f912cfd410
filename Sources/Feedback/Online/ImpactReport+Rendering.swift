import Basics
import Foundation

extension ImpactReport {
    /// The `feedback impact --format json` object; nil when no outcomes were stored.
    public static func json(_ report: ImpactReport?) -> [String: Any] {
        guard let report else { return ["control": NSNull(), "versions": [Any]()] }
        return [
            "control": report.control,
            "versions": report.rows.map { row -> [String: Any] in
                [
                    "version": row.version, "sessions": row.sessions,
                    "with_outcome": row.withOutcome,
                    "resolution_rate": JSONNumber.orNull(row.resolutionRate),
                    "escalation_rate": JSONNumber.orNull(row.escalationRate),
                    "timed": row.timed, "median_ms": JSONNumber.orNull(row.medianMs),
                    "p90_ms": JSONNumber.orNull(row.p90Ms),
                    "mean_ms": JSONNumber.orNull(row.meanMs),
                    "time_saved_ms": JSONNumber.orNull(row.timeSavedMs),
                    "time_saved_ci": row.timeSavedInterval.map {
                        [JSONNumber.orNull($0.low), JSONNumber.orNull($0.high)]
                    } ?? NSNull(),
                ]
            },
        ]
    }

    /// The `feedback impact` text report.
    public static func text(_ report: ImpactReport?) -> String {
        guard let report else {
            return "no outcomes in the store; import them with "
                + "'promptgate feedback import FILE --outcomes'\n"
        }
        func percent(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        func duration(_ ms: Double?) -> String {
            guard let ms else { return "–" }
            let seconds = ms / 1000
            return seconds.magnitude >= 100
                ? String(format: "%.1f min", seconds / 60) : String(format: "%.1f s", seconds)
        }
        func cell(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var out = "Impact per prompt version (control \(TerminalText.sanitize(report.control))):\n"
        out += "  version  sessions  resolved  escalated    median      p90   saved/session\n"
        for row in report.rows {
            var saved = "(control)"
            if row.version != report.control {
                saved = row.timeSavedMs.map { duration($0) } ?? "–"
                if let i = row.timeSavedInterval {
                    saved += " [\(duration(i.low)), \(duration(i.high))]"
                }
            }
            out +=
                "  "
                + TerminalText.sanitize(row.version).padding(
                    toLength: 7, withPad: " ", startingAt: 0)
            out += cell(String(row.sessions), 10) + cell(percent(row.resolutionRate), 10)
            out += cell(percent(row.escalationRate), 11) + cell(duration(row.medianMs), 10)
            out += cell(duration(row.p90Ms), 9) + "   " + saved + "\n"
        }
        out += "Rates are over sessions with an outcome; times over sessions with a time.\n"
        return out
    }
}
