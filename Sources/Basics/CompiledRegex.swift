import Foundation
import Synchronization

/// Compiles regular expressions (`regex` assertions, JSON Schema `pattern`) and explains why a
/// pattern does not compile.
///
/// Foundation on Linux reports only "The value is invalid" for a bad pattern, so the common
/// mistakes are diagnosed here by a small scan of the pattern.
package enum CompiledRegex {
    /// Compiled patterns by source: compiling costs ~50 µs and suites repeat patterns across
    /// thousands of cases. A matcher is safe to share across threads.
    private static let cache = Mutex<[String: Result<RegexMatcher, CompiledRegexError>]>([:])

    /// The compiled pattern, or the one-line reason it is invalid.
    package static func compile(_ pattern: String) -> Result<RegexMatcher, CompiledRegexError> {
        if let hit = cache.withLock({ $0[pattern] }) { return hit }
        let result: Result<RegexMatcher, CompiledRegexError> =
            RegexMatcher(pattern: pattern).map { .success($0) }
            ?? .failure(CompiledRegexError(reason: diagnose(pattern)))
        cache.withLock { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[pattern] = result
        }
        return result
    }

    /// Why ICU most likely rejected `pattern`; positions are 0-based characters.
    static func diagnose(_ pattern: String) -> String {
        let chars = Array(pattern)
        var openGroups: [Int] = []
        var canRepeat = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                if i + 1 == chars.count { return "trailing backslash" }
                i += 2
                canRepeat = true
                continue
            case "[":
                guard let end = classEnd(chars, from: i) else {
                    return "missing ']' for the '[' at position \(i)"
                }
                i = end
                canRepeat = true
            case "(":
                openGroups.append(i)
                i = groupBodyStart(chars, afterParen: i + 1) - 1
                canRepeat = false
            case ")":
                if openGroups.popLast() == nil { return "unmatched ')' at position \(i)" }
                canRepeat = true
            case "*", "+", "?":
                if !canRepeat { return "nothing to repeat before '\(c)' at position \(i)" }
                if i + 1 < chars.count, chars[i + 1] == "?" || chars[i + 1] == "+" { i += 1 }
                canRepeat = false
            case "{":
                if let bounds = interval(chars, from: i) {
                    if !canRepeat { return "nothing to repeat before '{' at position \(i)" }
                    if let high = bounds.high, high < bounds.low {
                        return "repetition {\(bounds.low),\(high)} has min greater than max"
                    }
                    i = bounds.end
                    canRepeat = false
                } else {
                    canRepeat = true
                }
            case "|", "^", "$":
                canRepeat = false
            default:
                canRepeat = true
            }
            i += 1
        }
        if let open = openGroups.last { return "missing ')' for the '(' at position \(open)" }
        return "not a valid ICU regular expression"
    }

    /// Index of the `]` closing the class opened at `start` (nested classes allowed), or nil.
    private static func classEnd(_ chars: [Character], from start: Int) -> Int? {
        var depth = 0
        var i = start
        while i < chars.count {
            switch chars[i] {
            case "\\": i += 1
            case "[": depth += 1
            case "]" where i > start + 1 && !(i == start + 2 && chars[start + 1] == "^"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// Skips a group's `?:`, `?=`, `?<name>`, `?i:` … prefix; returns where its body starts.
    private static func groupBodyStart(_ chars: [Character], afterParen start: Int) -> Int {
        guard start < chars.count, chars[start] == "?" else { return start }
        var i = start + 1
        guard i < chars.count else { return i }
        switch chars[i] {
        case ":", "=", "!", ">", "#": return i + 1
        case "<":
            if i + 1 < chars.count, chars[i + 1] == "=" || chars[i + 1] == "!" { return i + 2 }
            while i < chars.count, chars[i] != ">" { i += 1 }
            return i + 1
        default:
            while i < chars.count, chars[i].isLetter || chars[i] == "-" { i += 1 }
            return i < chars.count && chars[i] == ":" ? i + 1 : i
        }
    }

    /// Parses `{m}`, `{m,}` or `{m,n}` at `start`; nil when it is not a repetition.
    private static func interval(_ chars: [Character], from start: Int) -> (
        low: Int, high: Int?, end: Int
    )? {
        var i = start + 1
        func digits() -> Int? {
            var text = ""
            while i < chars.count, let digit = chars[i].wholeNumberValue, chars[i].isASCII {
                text += String(digit)
                i += 1
            }
            return Int(text)
        }
        guard let low = digits() else { return nil }
        var high: Int? = low
        if i < chars.count, chars[i] == "," {
            i += 1
            high = digits()
        }
        guard i < chars.count, chars[i] == "}" else { return nil }
        return (low, high, i)
    }
}

/// Why a `regex` pattern does not compile, as a short phrase.
package struct CompiledRegexError: Error, Sendable {
    package var reason: String
}
