import Basics
import Foundation

extension FeedbackAnalysis {
    /// The analysis as a JSON object (`--format json`); NaN and missing numbers are null.
    public var jsonObject: [String: Any] {
        [
            "negatives": negatives, "positives": positives, "neutral": neutral,
            "filtered_out": filteredOut,
            "patterns": patterns.map { p -> [String: Any] in
                [
                    "kind": p.kind.rawValue, "value": p.value, "label": p.label, "count": p.count,
                    "share": p.share, "lift": JSONNumber.orNull(p.lift),
                    "positive_count": p.positiveCount, "p_value": JSONNumber.orNull(p.pValue),
                    "over_represented": p.overRepresented,
                    "examples": p.examples.map { ["id": $0.id, "user_input": $0.userInput] },
                ]
            },
        ]
    }

    /// The terminal report.
    public var text: String {
        var out = header + "\n"
        guard negatives > 0 else { return out }
        let (over, rest) = split
        if over.isEmpty {
            out += "\nNo trait is over-represented among negatives"
            out += positives == 0 ? " (no positive feedback to compare with).\n" : ".\n"
        } else {
            out += "\nOver-represented among negatives (lift > 1, Fisher p < 0.05), by share:\n"
            out += Self.rows(over, examples: true)
        }
        if !rest.isEmpty {
            out += "\nNot over-represented (how negatives spread; feedback type is how users"
            out += " complained, not what failed):\n"
            out += Self.rows(rest, examples: false)
        }
        if patterns.contains(where: { $0.positiveCount == 0 && $0.lift != nil }) {
            out += "\n* no positive record has the trait; its lift counts half a record.\n"
        }
        return out
    }

    /// The report as Markdown, for a pull request or an issue.
    public var markdown: String {
        var out = "## Negative feedback patterns\n\n\(header)\n"
        guard negatives > 0 else { return out }
        let (over, rest) = split
        for (title, list) in [
            ("Over-represented among negatives (lift > 1, Fisher p < 0.05)", over),
            ("Not over-represented", rest),
        ] where !list.isEmpty {
            out += "\n### \(title)\n\n| Share | Count | Lift | Pattern | Examples |\n"
            out += "|---:|---:|---:|---|---|\n"
            for p in list {
                let examples = p.examples.map { "`\(Self.snippet($0.userInput, 50))`" }
                    .joined(separator: "<br>")
                    .replacingOccurrences(of: "|", with: "\\|")
                out += "| \(Self.percent(p.share)) | \(p.count) | \(Self.lift(p)) | "
                let label = TerminalText.sanitize(p.label)
                out += "\(label.replacingOccurrences(of: "|", with: "\\|")) | \(examples) |\n"
            }
        }
        return out
    }

    private var header: String {
        guard negatives > 0 else {
            return "No negative feedback to analyse"
                + (filteredOut > 0 ? " (\(filteredOut) records left out by the filters)." : ".")
        }
        var out = "\(negatives) negative feedback records, compared with \(positives) positive"
        var notes: [String] = []
        if neutral > 0 { notes.append("\(neutral) neutral") }
        if filteredOut > 0 { notes.append("\(filteredOut) left out by the filters") }
        if !notes.isEmpty { out += " (\(notes.joined(separator: ", ")))" }
        return out + "."
    }

    private var split: ([FeedbackPattern], [FeedbackPattern]) {
        (patterns.filter(\.overRepresented), patterns.filter { !$0.overRepresented })
    }

    private static func rows(_ list: [FeedbackPattern], examples: Bool) -> String {
        var out = "   share  count     lift  pattern\n"
        for p in list {
            out += pad(percent(p.share), 8) + pad(String(p.count), 7) + pad(lift(p), 9)
            out += "  \(TerminalText.sanitize(p.label))\n"
            if examples, !p.examples.isEmpty {
                let shown = p.examples.map { "\"\(snippet($0.userInput, 60))\"" }
                out += String(repeating: " ", count: 26) + "e.g. "
                out += shown.joined(separator: "  ·  ") + "\n"
            }
        }
        return out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    static func lift(_ p: FeedbackPattern) -> String {
        guard let lift = p.lift, lift.isFinite else { return "–" }
        let text = lift >= 10 ? String(format: "%.0f×", lift) : String(format: "%.2f×", lift)
        return p.positiveCount == 0 ? text + "*" : text
    }

    /// One line of at most `limit` characters, control characters escaped.
    static func snippet(_ text: String, _ limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
        return TerminalText.sanitize(
            flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…")
    }
}

/// Numbers for `JSONSerialization`, which rejects NaN and infinity.
package enum JSONNumber {
    package static func orNull(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return value
    }

    package static func orNull(_ value: Int?) -> Any { value ?? NSNull() }
}
