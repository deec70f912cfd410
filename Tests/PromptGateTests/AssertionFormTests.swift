import Testing

/// The form kinds: regex, is-json, contains-json, word-count, latency.
@Suite struct AssertionFormTests {
    typealias F = AssertionFixture

    func expectResult(
        _ json: String, _ output: String, latencyMs: Double? = nil, passed: Bool, _ reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try F.run(json, output, latencyMs: latencyMs)
        #expect(result.passed == passed, sourceLocation: sourceLocation)
        #expect(result.score == (passed ? 1 : 0), sourceLocation: sourceLocation)
        #expect(result.reason == reason, sourceLocation: sourceLocation)
    }

    @Test func regexSearchesAnywhere() throws {
        let c = #"{"type":"regex","value":"^\\d+ days"}"#
        try expectResult(
            c, "30 days to refund", passed: true, #"regex '^\d+ days' matched '30 days' at char 0"#)
        try expectResult(c, "Within 30 days", passed: false, #"regex '^\d+ days' did not match"#)
        try expectResult(
            #"{"type":"regex","value":"refund(s)?"}"#, "Ask for refunds.", passed: true,
            "regex 'refund(s)?' matched 'refunds' at char 8")
        let n = #"{"type":"not-regex","value":"^\\d+ days"}"#
        try expectResult(n, "Within 30 days", passed: true, #"regex '^\d+ days' did not match"#)
        try expectResult(
            n, "30 days", passed: false,
            #"regex '^\d+ days' matched '30 days' at char 0, expected no match"#)
    }

    @Test func regexOffsetsCountCharactersNotUTF16() throws {
        try expectResult(
            #"{"type":"regex","value":"密."}"#, "👍🏽 重置密码", passed: true,
            "regex '密.' matched '密码' at char 4")
    }

    /// ICU matches code points: an `e` before a combining accent is a match (the old check,
    /// through `Range(NSRange, in:)`, called it no match), quoted as the scalars it matched.
    @Test func regexMatchesInsideACharacter() throws {
        try expectResult(
            #"{"type":"regex","value":"fe"}"#, "cafe\u{301} au lait", passed: true,
            "regex 'fe' matched 'fe' at char 2")
        try expectResult(
            #"{"type":"regex","value":"\\n"}"#, "one\r\ntwo", passed: true,
            "regex '\\n' matched '⏎' at char 3")
    }

    @Test func isJSON() throws {
        let c = #"{"type":"is-json"}"#
        try expectResult(c, " {\"a\": [1, 2]}\n", passed: true, "valid JSON (object)")
        try expectResult(c, "[1]", passed: true, "valid JSON (array)")
        try expectResult(c, "42", passed: true, "valid JSON (number)")
        try expectResult(c, "\"hi\"", passed: true, "valid JSON (string)")
        try expectResult(c, "", passed: false, "expected valid JSON: output is empty")
        for output in ["Hello", "{\"a\": 1} trailing", "```json\n{\"a\": 1}\n```"] {
            let result = try F.run(c, output)
            #expect(!result.passed)
            #expect(result.reason.hasPrefix("expected valid JSON: "))
            #expect(result.reason.count > "expected valid JSON: ".count + 5)
            #expect(!result.reason.contains("\n"))
        }
        let n = #"{"type":"not-is-json"}"#
        #expect(try F.run(n, "Hello").reason.hasPrefix("not valid JSON: "))
        #expect(try F.run(n, "Hello").passed)
        try expectResult(n, "[1]", passed: false, "expected invalid JSON, output is a JSON array")
    }

    @Test func containsJSON() throws {
        let c = #"{"type":"contains-json"}"#
        try expectResult(
            c, "Here you go:\n```json\n{\"a\": 1}\n```", passed: true,
            "contains a JSON object at char 21")
        try expectResult(c, "Result: [1, 2, 3].", passed: true, "contains a JSON array at char 8")
        try expectResult(c, "{\"a\": {\"b\": 1}}", passed: true, "contains a JSON object at char 0")
        try expectResult(
            c, "Use {name} as placeholder, then {\"ok\": true}", passed: true,
            "contains a JSON object at char 32")
        // A stray brace in prose must not hide the JSON that follows it.
        try expectResult(
            c, "I use { braces. He said \"hi {\"a\": 1}", passed: true,
            "contains a JSON object at char 28")
        try expectResult(c, "日本語 {\"a\":1}", passed: true, "contains a JSON object at char 4")
        try expectResult(c, "{\"s\": \"}{][\"}", passed: true, "contains a JSON object at char 0")
        for output in ["no JSON here {not json}", "42", "", "[1, 2", "{\"a\": 1]"] {
            try expectResult(c, output, passed: false, "no JSON object or array found in output")
        }
        let n = #"{"type":"not-contains-json"}"#
        try expectResult(n, "plain", passed: true, "no JSON object or array found in output")
        try expectResult(n, "{}", passed: false, "expected no JSON, found a JSON object at char 0")
    }

    @Test func wordCount() throws {
        let c = #"{"type":"word-count","min":5,"max":120}"#
        try expectResult(c, "one two three", passed: false, "expected 5…120 words, got 3")
        try expectResult(
            c, "This answer has exactly six words.", passed: true, "6 words (expected 5…120 words)")
        try expectResult(
            #"{"type":"word-count","min":5}"#, "one two three", passed: false,
            "expected at least 5 words, got 3")
        try expectResult(
            #"{"type":"word-count","max":2}"#, "one two three", passed: false,
            "expected at most 2 words, got 3")
        try expectResult(
            #"{"type":"word-count","max":2}"#, "one", passed: true,
            "1 word (expected at most 2 words)")
        try expectResult(
            #"{"type":"word-count","min":3,"max":3}"#, "one two three", passed: true,
            "3 words (expected 3…3 words)")
        let n = #"{"type":"not-word-count","min":5,"max":120}"#
        try expectResult(
            n, "one two three", passed: true, "3 words (expected a word count outside 5…120)")
        try expectResult(
            n, "a b c d e f", passed: false, "expected a word count outside 5…120, got 6")
        try expectResult(
            #"{"type":"not-word-count","min":5}"#, "a b c d e f", passed: false,
            "expected fewer than 5 words, got 6")
        try expectResult(
            #"{"type":"not-word-count","max":5}"#, "a b c d e f", passed: true,
            "6 words (expected more than 5 words)")
    }

    @Test func latency() throws {
        let c = #"{"type":"latency","max":3000}"#
        try expectResult(c, "", latencyMs: 4210, passed: false, "latency 4210 ms exceeds 3000 ms")
        try expectResult(c, "", latencyMs: 1200, passed: true, "latency 1200 ms ≤ 3000 ms")
        try expectResult(c, "", latencyMs: 3000, passed: true, "latency 3000 ms ≤ 3000 ms")
        try expectResult(
            c, "", latencyMs: 3000.44, passed: false, "latency 3000.4 ms exceeds 3000 ms")
        try expectResult(
            c, "", latencyMs: nil, passed: false, "no latency measured for this output")
        try expectResult(
            c, "", latencyMs: .nan, passed: false, "no latency measured for this output")
        let n = #"{"type":"not-latency","max":3000}"#
        try expectResult(n, "", latencyMs: 4210, passed: true, "latency 4210 ms exceeds 3000 ms")
        try expectResult(
            n, "", latencyMs: 1200, passed: false,
            "latency 1200 ms is within 3000 ms, expected more")
        try expectResult(
            n, "", latencyMs: nil, passed: false, "no latency measured for this output")
    }
}
