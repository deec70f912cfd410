import Foundation

/// Finds a JSON object or array embedded in text, e.g. inside prose or a ```json fence.
///
/// One pass over the UTF-8 bytes pairs brackets, tracking JSON strings only inside brackets
/// (prose quotes outside them are ignored); each balanced pair is a candidate, tried in text
/// order, outermost first. When unclosed brackets remain and some bracket was read as part of
/// a string (a stray `{` in prose can swallow the real JSON into a "string"), the pass
/// restarts after the first unclosed bracket. Restarts and parsing are bounded, so even
/// pathological outputs take a few passes at most.
enum AssertionJSONFinder {
    /// A found value: whether it is an object or an array and its 0-based UTF-8 byte offset.
    struct Found {
        var isObject: Bool
        var byteOffset: Int
    }

    /// At most this many restarts after unclosed brackets.
    static let maxRestarts = 16
    /// At most this many bytes handed to the JSON parser in total, as a multiple of the input.
    static let parseBudgetFactor = 8

    static func find(in text: String) -> Found? {
        let bytes = Array(text.utf8)
        var tried = Set<Int>()
        var parseBudget = parseBudgetFactor * bytes.count + 4096
        var start = 0
        for _ in 0...maxRestarts {
            let pass = scan(bytes, from: start)
            for (open, close) in pass.pairs.sorted(by: { $0.0 < $1.0 })
            where tried.insert(open).inserted {
                let length = close - open + 1
                guard parseBudget >= length else { return nil }
                parseBudget -= length
                let data = Data(bytes[open...close])
                if (try? JSONSerialization.jsonObject(with: data)) != nil {
                    return Found(isObject: bytes[open] == UInt8(ascii: "{"), byteOffset: open)
                }
            }
            guard pass.bracketInString, let unclosed = pass.firstUnclosed else { return nil }
            start = unclosed + 1
        }
        return nil
    }

    /// Balanced bracket pairs from `start`, the first bracket left unclosed (if any), and
    /// whether a bracket was read inside a string (only then can a restart find more).
    private static func scan(_ bytes: [UInt8], from start: Int) -> (
        pairs: [(Int, Int)], firstUnclosed: Int?, bracketInString: Bool
    ) {
        let openBrace = UInt8(ascii: "{")
        let closeBrace = UInt8(ascii: "}")
        let openBracket = UInt8(ascii: "[")
        let closeBracket = UInt8(ascii: "]")
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        var stack: [Int] = []
        var pairs: [(Int, Int)] = []
        var firstUnclosed: Int?
        var inString = false
        var bracketInString = false
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if inString {
                if byte == backslash {
                    i += 1
                } else if byte == quote {
                    inString = false
                } else if byte == openBrace || byte == openBracket {
                    bracketInString = true
                }
            } else if byte == quote {
                inString = !stack.isEmpty
            } else if byte == openBrace || byte == openBracket {
                stack.append(i)
            } else if byte == closeBrace || byte == closeBracket, let open = stack.last {
                let expected = bytes[open] == openBrace ? closeBrace : closeBracket
                if byte == expected {
                    stack.removeLast()
                    pairs.append((open, i))
                } else {
                    // Not JSON around here: inner pairs are kept, the open brackets dropped.
                    firstUnclosed = firstUnclosed ?? stack.first
                    stack.removeAll()
                }
            }
            i += 1
        }
        return (pairs, firstUnclosed ?? stack.first, bracketInString)
    }
}
