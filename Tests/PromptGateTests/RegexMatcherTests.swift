import Basics
import Foundation
import Synchronization
import Testing

/// The UTF-8 matcher holds to what `NSRegularExpression` (the same ICU over UTF-16) finds.
@Suite struct RegexMatcherTests {
    static let patterns = [
        "b+c", "^a", "z$", "(?m)^x$", "\\bword\\b", "(?i)ÉTÉ", "\\p{L}+", "[0-9]{3}-[0-9]{4}",
        "(?<=a)b", "a(?!b)", "\\d+(\\.\\d+)?", ".", "\\s+", "é", "😀+", "e\u{301}", "(ab|cd)*e",
        "\\n", "(?s)a.b", "a.b", "[^a-z]", "\\X", "\\u00e9", "(?x) a b # c", "\\Qa.b\\E",
    ]
    static let texts = [
        "", "abbbc", "zzz", "word", "a word here", "one\nx\ntwo", "été", "ÉTÉ", "call 555-1234",
        "ab", "ac", "3.14 and 42", "  \t", "café", "cafe\u{301}", "😀😀 hi 😀", "abcde",
        "a\nb", "a\r\nb", "日本語テキスト", "a.b", "x\u{2028}y", "naïve résumé",
    ]

    @Test func findsWhatNSRegularExpressionFinds() throws {
        for pattern in Self.patterns {
            let ns = try NSRegularExpression(pattern: pattern)
            let matcher = try #require(RegexMatcher(pattern: pattern), "\(pattern)")
            for text in Self.texts {
                // In UTF-16 offsets: a match may end inside a character ("e" of "e\u{301}"),
                // where `Range(_:in:)` gives no range at all.
                let whole = NSRange(location: 0, length: text.utf16.count)
                let expected = ns.firstMatch(in: text, range: whole).map {
                    $0.range.location..<($0.range.location + $0.range.length)
                }
                let found = matcher.firstMatch(in: text).map { range in
                    let offset = { text.utf16.distance(from: text.startIndex, to: $0) }
                    return offset(range.lowerBound)..<offset(range.upperBound)
                }
                #expect(found == expected, "\(pattern) in \(text)")
            }
        }
    }

    @Test func rejectsWhatNSRegularExpressionRejects() {
        for pattern in ["", "(", "a)", "[a-", "*a", "a{2,1}", "\\", "(?<n>a)(?<n>b)", "\\k<x>"] {
            let nsCompiles = (try? NSRegularExpression(pattern: pattern)) != nil
            #expect((RegexMatcher(pattern: pattern) != nil) == nsCompiles, "\(pattern)")
        }
    }

    /// A match deep in a long text, at the right character, from many threads at once.
    @Test func matchesALongTextOnManyThreadsAtOnce() throws {
        let text =
            String(repeating: "é", count: 300_000) + "needle" + String(repeating: "x", count: 9)
        let matcher = try #require(RegexMatcher(pattern: "ne+dle"))
        let found = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            guard let range = matcher.firstMatch(in: text) else { return }
            if text.distance(from: text.startIndex, to: range.lowerBound) == 300_000,
                text[range] == "needle"
            {
                found.withLock { $0 += 1 }
            }
        }
        #expect(found.withLock { $0 } == 8)
    }
}
