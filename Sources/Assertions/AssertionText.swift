import Foundation

/// Formatting shared by assertion reasons: short, one-line, quoted excerpts.
package enum AssertionText {
    /// How many characters of an output or value a reason quotes.
    static let excerptLength = 60

    /// `'text'` cut to ``excerptLength`` characters (`…` when cut), line breaks shown as `⏎`,
    /// so a reason always stays on one line.
    package static func quote(_ text: some StringProtocol, limit: Int = excerptLength) -> String {
        var result = ""
        var taken = 0
        for character in text {
            if taken == limit {
                result += "…"
                break
            }
            result += character.isNewline ? "⏎" : String(character)
            taken += 1
        }
        return "'" + result + "'"
    }

    /// `'a', 'b', 'c'`, at most five items, then `(+N more)`.
    static func quoteList(_ items: [String]) -> String {
        let shown = items.prefix(5).map { quote($0) }.joined(separator: ", ")
        return items.count > 5 ? "\(shown) (+\(items.count - 5) more)" : shown
    }

    /// `output was 212 chars: 'Go to Settings…'`, or `output was empty`.
    package static func outputSummary(_ output: String) -> String {
        output.isEmpty ? "output was empty" : "output was \(output.count) chars: \(quote(output))"
    }

    /// A number as people write it: `3000`, `0.5`; integral values print without `.0`.
    package static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }

    /// The character offset (0-based) of `index` in `text`.
    static func offset(of index: String.Index, in text: String) -> Int {
        text.distance(from: text.startIndex, to: index)
    }
}
