import Assertions
import Testing

/// The text kinds: equals, contains, icontains, contains-any, contains-all, starts-with.
@Suite struct AssertionTextTests {
    typealias F = AssertionFixture

    func expectResult(
        _ json: String, _ output: String, passed: Bool, _ reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try F.run(json, output)
        #expect(result.passed == passed, sourceLocation: sourceLocation)
        #expect(result.score == (passed ? 1 : 0), sourceLocation: sourceLocation)
        #expect(!result.skipped, sourceLocation: sourceLocation)
        #expect(result.reason == reason, sourceLocation: sourceLocation)
    }

    @Test func contains() throws {
        let c = #"{"type":"contains","value":"Bearer"}"#
        try expectResult(c, "Send it as a Bearer token", passed: true, "contains 'Bearer'")
        try expectResult(
            c, "Go to Settings\nthen Security", passed: false,
            "expected to contain 'Bearer', output was 28 chars: 'Go to Settings⏎then Security'")
        try expectResult(c, "", passed: false, "expected to contain 'Bearer', output was empty")
        try expectResult(
            c, "a bearer token", passed: false,
            "expected to contain 'Bearer', output was 14 chars: 'a bearer token'")
        let long = String(repeating: "x", count: 100)
        try expectResult(
            c, long, passed: false,
            "expected to contain 'Bearer', output was 100 chars: '\(String(repeating: "x", count: 60))…'"
        )
    }

    @Test func notContains() throws {
        let c = #"{"type":"not-contains","value":"As an AI"}"#
        try expectResult(c, "Sure, here it is.", passed: true, "does not contain 'As an AI'")
        try expectResult(
            c, "I think. As an AI, I can't", passed: false,
            "expected not to contain 'As an AI', found at char 9")
    }

    @Test func icontainsFoldsCase() throws {
        let c = #"{"type":"icontains","value":"bearer"}"#
        try expectResult(c, "A BEARER token", passed: true, "contains 'bearer' (ignoring case)")
        try expectResult(
            c, "A token", passed: false,
            "expected to contain 'bearer' (ignoring case), output was 7 chars: 'A token'")
        let n = #"{"type":"not-icontains","value":"as an ai"}"#
        try expectResult(n, "Sure.", passed: true, "does not contain 'as an ai' (ignoring case)")
        try expectResult(
            n, "As An AI model", passed: false,
            "expected not to contain 'as an ai' (ignoring case), found at char 0")
    }

    @Test func equalsTrimsOnlyTrailingWhitespace() throws {
        let c = #"{"type":"equals","value":"OK"}"#
        try expectResult(c, "OK", passed: true, "equals 'OK'")
        try expectResult(c, "OK\n  \n", passed: true, "equals 'OK'")
        try expectResult(
            c, "  OK", passed: false,
            "expected to equal 'OK', got '  OK' (first difference at char 0)")
        try expectResult(
            c, "Okay", passed: false,
            "expected to equal 'OK', got 'Okay' (first difference at char 1)")
        try expectResult(
            c, "OK!", passed: false,
            "expected to equal 'OK', got 'OK!' (first difference at char 2)")
        // A YAML block scalar's trailing newline in the value does not matter either.
        try expectResult(#"{"type":"equals","value":"OK\n"}"#, "OK", passed: true, "equals 'OK'")
        let n = #"{"type":"not-equals","value":"OK"}"#
        try expectResult(n, "Okay", passed: true, "does not equal 'OK'")
        try expectResult(n, "OK\n", passed: false, "expected not to equal 'OK'")
    }

    @Test func containsAny() throws {
        let c = #"{"type":"contains-any","value":["refund","credit"]}"#
        try expectResult(c, "We issued a credit.", passed: true, "contains 'credit'")
        try expectResult(
            c, "No.", passed: false,
            "expected to contain any of 'refund', 'credit', output was 3 chars: 'No.'")
        let n = #"{"type":"not-contains-any","value":["refund","credit"]}"#
        try expectResult(n, "No.", passed: true, "contains none of 'refund', 'credit'")
        try expectResult(
            n, "We issued a credit.", passed: false,
            "expected to contain none of 'refund', 'credit', found 'credit' at char 12")
        try expectResult(
            #"{"type":"contains-any","value":"refund"}"#, "a refund", passed: true,
            "contains 'refund'")
    }

    @Test func containsAll() throws {
        let c = #"{"type":"contains-all","value":["refund","credit"]}"#
        try expectResult(c, "refund and credit", passed: true, "contains all of 'refund', 'credit'")
        try expectResult(
            c, "refund only", passed: false,
            "expected to contain all of 'refund', 'credit', missing 'credit'; "
                + "output was 11 chars: 'refund only'")
        let n = #"{"type":"not-contains-all","value":["refund","credit"]}"#
        try expectResult(n, "refund only", passed: true, "does not contain all: missing 'credit'")
        try expectResult(
            n, "credit, refund", passed: false,
            "expected not to contain all of 'refund', 'credit', found all")
        let many = #"{"type":"contains-all","value":["a","b","c","d","e","f","g"]}"#
        try expectResult(
            many, "abcde", passed: false,
            "expected to contain all of 'a', 'b', 'c', 'd', 'e' (+2 more), missing 'f', 'g'; "
                + "output was 5 chars: 'abcde'")
    }

    @Test func startsWith() throws {
        let c = #"{"type":"starts-with","value":"Hola"}"#
        try expectResult(c, "Hola, ¿qué tal?", passed: true, "starts with 'Hola'")
        try expectResult(
            c, "Hello there", passed: false,
            "expected to start with 'Hola', output starts with 'Hello there'")
        try expectResult(c, "", passed: false, "expected to start with 'Hola', output was empty")
        let n = #"{"type":"not-starts-with","value":"Hola"}"#
        try expectResult(n, "Hello", passed: true, "does not start with 'Hola'")
        try expectResult(
            n, "Hola, ¿qué tal?", passed: false,
            "expected not to start with 'Hola', output starts with 'Hola, ¿qué tal?'")
    }

    @Test func weightAndMetricAreCarriedIntoTheResult() throws {
        let result = try F.run(
            #"{"type":"contains","value":"x","weight":2.5,"metric":"tone"}"#, "xyz")
        #expect(result.type == "contains" && result.weight == 2.5 && result.metric == "tone")
    }

    @Test func assertionsBuiltInCodeWithoutAValueFailInsteadOfCrashing() {
        let ctx = AssertionContext(output: "anything")
        for kind in [
            AssertionKind.equals, .contains, .icontains, .containsAny, .startsWith, .regex,
        ] {
            let result = AssertionSpec(kind: kind).evaluate(ctx)
            #expect(!result.passed && !result.skipped)
            #expect(result.reason == "'\(kind.rawValue)' has no value to check against")
        }
        let badRegex = AssertionSpec(kind: .regex, value: .string("(a")).evaluate(ctx)
        #expect(!badRegex.passed)
        #expect(
            badRegex.reason
                == "invalid regular expression '(a': missing ')' for the '(' at position 0")
        #expect(!AssertionSpec(kind: .wordCount).evaluate(ctx).passed)
        #expect(!AssertionSpec(kind: .latency).evaluate(ctx).passed)
        let empty = AssertionSpec(kind: .containsAll, value: .list([])).evaluate(ctx)
        #expect(!empty.passed)
    }
}
