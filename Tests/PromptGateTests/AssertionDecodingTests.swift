import Assertions
import Foundation
import Testing

/// Helpers shared by the Assertion*Tests files.
enum AssertionFixture {
    static func spec(_ json: String) throws -> AssertionSpec {
        try JSONDecoder().decode(AssertionSpec.self, from: Data(json.utf8))
    }

    /// Evaluates the assertion written as JSON against `output`.
    static func run(
        _ json: String, _ output: String, latencyMs: Double? = nil
    ) throws -> AssertionResult {
        try spec(json).evaluate(AssertionContext(output: output, latencyMs: latencyMs))
    }

    /// The message and coding path of the error decoding `json` throws.
    static func failure(_ json: String) -> (message: String, path: [String])? {
        do {
            _ = try spec(json)
            return nil
        } catch let error as DecodingError {
            return describe(error)
        } catch {
            return ("not a DecodingError: \(error)", [])
        }
    }

    static func describe(_ error: DecodingError) -> (message: String, path: [String]) {
        let context: DecodingError.Context
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c),
            .valueNotFound(_, let c):
            context = c
        @unknown default:
            return ("unknown DecodingError", [])
        }
        return (context.debugDescription, context.codingPath.map(\.stringValue))
    }
}

@Suite struct AssertionDecodingTests {
    @Test func decodesEveryExampleOfTheSuiteFormat() throws {
        let json = #"""
            [ { "type": "contains", "value": "Bearer" },
              { "type": "not-icontains", "value": "as an ai" },
              { "type": "contains-any", "value": ["refund", "credit"], "weight": 2 },
              { "type": "regex", "value": "^\\d+ days" },
              { "type": "word-count", "min": 5, "max": 120 },
              { "type": "latency", "max": 3000 },
              { "type": "is-json" }, { "type": "contains-json" },
              { "type": "equals", "value": "OK" }, { "type": "starts-with", "value": "Hola" },
              { "type": "language", "value": "es" },
              { "type": "llm-rubric", "value": "Explains how to reset the password",
                "metric": "helpfulness", "threshold": 0.8 },
              { "type": "similar", "value": "reset via settings", "threshold": 0.7 } ]
            """#
        let specs = try JSONDecoder().decode([AssertionSpec].self, from: Data(json.utf8))
        #expect(
            specs.map(\.typeName) == [
                "contains", "not-icontains", "contains-any", "regex", "word-count", "latency",
                "is-json", "contains-json", "equals", "starts-with", "language", "llm-rubric",
                "similar",
            ])
        #expect(specs[1].kind == .icontains && specs[1].negated)
        #expect(specs[2].value == .list(["refund", "credit"]) && specs[2].weight == 2)
        #expect(specs[0].weight == 1 && specs[0].metric == nil)
        #expect(specs[3].value == .string(#"^\d+ days"#))
        #expect(specs[4].min == 5 && specs[4].max == 120)
        #expect(specs[5].max == 3000 && specs[5].value == nil)
        #expect(specs[11].metric == "helpfulness" && specs[11].threshold == 0.8)
    }

    @Test func encodingRoundTrips() throws {
        let original = try AssertionFixture.spec(
            #"{"type":"not-contains-any","value":["a","b"],"weight":0.5,"metric":"m"}"#)
        let data = try JSONEncoder().encode([original, AssertionSpec(kind: .isJSON)])
        let decoded = try JSONDecoder().decode([AssertionSpec].self, from: data)
        #expect(decoded == [original, AssertionSpec(kind: .isJSON)])
        // The default weight is left out so emitted suites stay short.
        let plain = String(
            decoding: try JSONEncoder().encode(AssertionSpec(kind: .isJSON)), as: UTF8.self)
        #expect(plain == #"{"type":"is-json"}"#)
    }

    @Test func typeNamesCoverEveryKindAndItsNegation() {
        let names = AssertionSpec.allTypeNames
        #expect(names.count == 2 * AssertionKind.allCases.count)
        #expect(Set(names).count == names.count)
        for name in ["contains", "not-contains", "not-is-json", "llm-rubric", "not-rouge-l"] {
            #expect(names.contains(name))
        }
        #expect(AssertionSpec.parseTypeName("not-regex")! == (.regex, true))
        #expect(AssertionSpec.parseTypeName("not-not-regex") == nil)
        #expect(AssertionSpec.parseTypeName("not-") == nil)
    }

    @Test(arguments: [
        ("contians", "unknown assertion type 'contians'; did you mean 'contains'?"),
        ("not-contians", "unknown assertion type 'not-contians'; did you mean 'not-contains'?"),
        ("Contains", "unknown assertion type 'Contains'; did you mean 'contains'?"),
        ("contains_any", "unknown assertion type 'contains_any'; did you mean 'contains-any'?"),
        ("wordcount", "unknown assertion type 'wordcount'; did you mean 'word-count'?"),
        ("frobnicate", "unknown assertion type 'frobnicate'; see `promptgate help assertions`"),
        ("", "unknown assertion type ''; see `promptgate help assertions`"),
    ])
    func unknownTypeSuggestsTheClosestName(type: String, message: String) throws {
        let failure = try #require(AssertionFixture.failure(#"{"type":"\#(type)","value":"x"}"#))
        #expect(failure.message == message)
        #expect(failure.path == ["type"])
    }

    @Test func unknownKeysAreRejectedWithASuggestion() throws {
        let typo = try #require(AssertionFixture.failure(#"{"type":"contains","vaule":"x"}"#))
        #expect(typo.message == "unknown key 'vaule' in assertion; did you mean 'value'?")
        #expect(typo.path == ["vaule"])
        let other = try #require(
            AssertionFixture.failure(#"{"type":"contains","value":"x","colour":"red"}"#))
        #expect(
            other.message == "unknown key 'colour' in assertion; expected one of: "
                + "type, value, min, max, weight, metric, threshold, n, provider, model, "
                + "rubric_prompt, map, timeout, assert, tool, times, strict, schema")
        #expect(other.path == ["colour"])
    }

    @Test func missingOrIllTypedType() throws {
        let missing = try #require(AssertionFixture.failure(#"{"value":"x"}"#))
        #expect(
            missing.message == #"assertion has no 'type', e.g. { type: contains, value: "text" }"#)
        #expect(missing.path == [])
        let number = try #require(AssertionFixture.failure(#"{"type":5}"#))
        #expect(number.message == "assertion 'type' must be a name such as 'contains'")
        #expect(number.path == ["type"])
    }

    @Test(arguments: [
        (
            #"{"type":"contains"}"#,
            #"'contains' needs a value, e.g. { type: contains, value: "text" }"#, "type"
        ),
        (
            #"{"type":"not-starts-with","value":null}"#,
            #"'not-starts-with' needs a value, e.g. { type: not-starts-with, value: "text" }"#,
            "type"
        ),
        (
            #"{"type":"contains","value":["a"]}"#,
            "'contains' needs a single string, not a list; for a list use 'contains-any' or 'contains-all'",
            "value"
        ),
        (#"{"type":"regex","value":["a"]}"#, "'regex' needs a single string, not a list", "value"),
        (#"{"type":"contains","value":""}"#, "'contains' needs a non-empty string", "value"),
        (
            #"{"type":"icontains","value":{"a":1}}"#,
            "'icontains' value must be a string, a number or a list of strings", "value"
        ),
        (
            #"{"type":"contains-any"}"#,
            #"'contains-any' needs a value, e.g. { type: contains-any, value: ["a", "b"] }"#, "type"
        ),
        (
            #"{"type":"contains-all","value":[]}"#, "'contains-all' needs at least one string",
            "value"
        ),
        (
            #"{"type":"contains-any","value":["a",""]}"#,
            "'contains-any' values must not be empty strings", "value"
        ),
        (
            #"{"type":"regex"}"#, #"'regex' needs a value, e.g. { type: regex, value: '^\d+' }"#,
            "type"
        ),
        (#"{"type":"is-json","value":"x"}"#, "'is-json' takes no value", "value"),
        (
            #"{"type":"not-contains-json","value":{"a":1}}"#, "'not-contains-json' takes no value",
            "value"
        ),
        (#"{"type":"word-count","value":3,"max":4}"#, "'word-count' takes no value", "value"),
        (
            #"{"type":"word-count"}"#,
            "'word-count' needs min and/or max, e.g. { type: word-count, min: 5, max: 120 }", "type"
        ),
        (
            #"{"type":"word-count","min":10,"max":5}"#,
            "'word-count' min (10) is greater than max (5)", "min"
        ),
        (#"{"type":"word-count","min":-1}"#, "'word-count' min must be ≥ 0, got -1", "min"),
        (
            #"{"type":"latency"}"#,
            "'latency' needs max in milliseconds, e.g. { type: latency, max: 3000 }", "type"
        ),
        (#"{"type":"latency","max":-5}"#, "'latency' max must be ≥ 0, got -5", "max"),
        (#"{"type":"latency","min":1,"max":5}"#, "'latency' does not take 'min'", "min"),
        (#"{"type":"contains","value":"a","max":5}"#, "'contains' does not take 'max'", "max"),
        (
            #"{"type":"contains","value":"a","threshold":0.5}"#,
            "'contains' does not take 'threshold': it passes or fails", "threshold"
        ),
        (
            #"{"type":"llm-rubric","value":"x","threshold":-0.5}"#,
            "threshold must be ≥ 0, got -0.5", "threshold"
        ),
        (
            #"{"type":"contains","value":"a","weight":-1}"#, "weight must be a number ≥ 0, got -1",
            "weight"
        ),
        (#"{"type":"contains","value":"a","weight":"heavy"}"#, "weight must be a number", "weight"),
        (
            #"{"type":"contains","value":"a","metric":3}"#, "metric must be a name (a string)",
            "metric"
        ),
        (
            #"{"type":"language"}"#,
            #"'language' needs a value, e.g. { type: language, value: "text" }"#, "type"
        ),
    ])
    func invalidAssertionsFailAtTheOffendingKey(json: String, message: String, key: String) throws {
        let failure = try #require(AssertionFixture.failure(json))
        #expect(failure.message == message)
        #expect(failure.path == [key])
    }

    @Test(arguments: [
        ("(a", "missing ')' for the '(' at position 0"),
        ("a)", "unmatched ')' at position 1"),
        ("[a-z", "missing ']' for the '[' at position 0"),
        ("*a", "nothing to repeat before '*' at position 0"),
        ("(?:+)", "nothing to repeat before '+' at position 3"),
        (#"a\"#, "trailing backslash"),
        ("a{3,1}", "repetition {3,1} has min greater than max"),
    ])
    func invalidRegexesAreExplained(pattern: String, reason: String) throws {
        let value = String(decoding: try JSONEncoder().encode(pattern), as: UTF8.self)
        let failure = try #require(AssertionFixture.failure(#"{"type":"regex","value":\#(value)}"#))
        #expect(failure.message == "invalid regular expression '\(pattern)': \(reason)")
        #expect(failure.path == ["value"])
    }

    @Test(arguments: [#"(?:a*)"#, #"(?<name>x)+"#, #"[]a]"#, #"\d{2,}"#, #"(?i)hola"#, #"a{2}b?"#])
    func validRegexesDecode(pattern: String) throws {
        let value = String(decoding: try JSONEncoder().encode(pattern), as: UTF8.self)
        #expect(
            try AssertionFixture.spec(#"{"type":"not-regex","value":\#(value)}"#).value
                == .string(pattern))
    }

    @Test func numbersAndSingleStringsAreAcceptedWhereTheyMakeSense() throws {
        let number = try AssertionFixture.spec(#"{"type":"contains","value":42}"#)
        #expect(number.value == .number(42))
        #expect(number.evaluate(AssertionContext(output: "Answer: 42")).reason == "contains '42'")
        let single = try AssertionFixture.spec(#"{"type":"contains-any","value":"refund"}"#)
        #expect(single.value == .string("refund"))
        #expect(try AssertionFixture.spec(#"{"type":"equals","value":""}"#).value == .string(""))
        let graded = try AssertionFixture.spec(
            #"{"type":"levenshtein","value":"abc","threshold":5}"#)
        #expect(graded.threshold == 5)
    }

    @Test func errorsInsideAListCarryTheIndex() throws {
        let json = #"[{"type":"contains","value":"a"},{"type":"contians","value":"b"}]"#
        do {
            _ = try JSONDecoder().decode([AssertionSpec].self, from: Data(json.utf8))
            Issue.record("expected a decoding error")
        } catch let error as DecodingError {
            guard case .dataCorrupted(let context) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(context.codingPath.first?.intValue == 1)
            #expect(context.codingPath.last?.stringValue == "type")
        }
    }
}
