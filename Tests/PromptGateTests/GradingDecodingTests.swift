import Assertions
import Foundation
import Testing

/// The keys of graded kinds: what loads, and the configuration errors a suite author sees.
@Suite struct GradingDecodingTests {
    @Test func gradedKeysLoadAndRoundTrip() throws {
        let json = #"""
            [ { "type": "llm-rubric", "value": "Polite", "provider": "openai", "model": "gpt-4o",
                "rubric_prompt": "Rate {{ output }} for {{ rubric }} ({{ vars.lang }})",
                "threshold": 0.7, "metric": "tone" },
              { "type": "factuality", "value": "Refunds take 5 days",
                "map": { "superset": "fail", "disagrees": "pass" } },
              { "type": "command", "value": ["python3", "check.py"], "timeout": 2.5 },
              { "type": "assert-set", "threshold": 0.5, "weight": 2, "metric": "combo",
                "assert": [ { "type": "contains", "value": "a" }, { "type": "is-refusal" } ] } ]
            """#
        let specs = try JSONDecoder().decode([AssertionSpec].self, from: Data(json.utf8))
        #expect(specs[0].graded?.provider == "openai" && specs[0].graded?.model == "gpt-4o")
        #expect(specs[0].graded?.rubricPrompt?.hasPrefix("Rate") == true)
        #expect(specs[1].graded?.verdictMap == [.superset: false, .disagrees: true])
        #expect(
            specs[2].graded?.timeout == 2.5 && specs[2].value == .list(["python3", "check.py"]))
        #expect(specs[3].kind == .assertSet && specs[3].graded?.children.count == 2)
        #expect(specs[3].weight == 2 && specs[3].threshold == 0.5)
        let encoded = try JSONEncoder().encode(specs)
        #expect(try JSONDecoder().decode([AssertionSpec].self, from: encoded) == specs)
    }

    @Test(arguments: [
        (
            #"{"type":"contains","value":"x","provider":"p"}"#,
            "'contains' does not take 'provider'", "provider"
        ),
        (
            #"{"type":"similar","value":"x","map":{"same":"pass"}}"#,
            "'similar' does not take 'map'", "map"
        ),
        (
            #"{"type":"llm-rubric","value":"x","rubric_prompt":"Grade {{ rubric }}"}"#,
            "rubric_prompt never shows the judge the output; add {{ output }}", "rubric_prompt"
        ),
        (
            #"{"type":"llm-rubric","value":"x","rubric_prompt":"{{ output }} {{ user }}"}"#,
            "rubric_prompt uses 'user'; it can use output, rubric, reference, input and vars.NAME",
            "rubric_prompt"
        ),
        (
            #"{"type":"llm-rubric","value":"x","threshold":1.5}"#,
            "'llm-rubric' threshold is a score between 0 and 1, got 1.5", "threshold"
        ),
        (
            #"{"type":"factuality","value":"x","map":{"supreset":"fail"}}"#,
            "unknown factuality category 'supreset'; did you mean 'superset'?", "map"
        ),
        (
            #"{"type":"factuality","value":"x","map":{"same":"maybe"}}"#,
            "map.same must be pass or fail, got 'maybe'", "map"
        ),
        (
            #"{"type":"factuality"}"#,
            #"'factuality' needs a value, e.g. { type: factuality, value: "the reference answer" }"#,
            "type"
        ),
        (
            #"{"type":"answer-relevance","value":"x"}"#,
            "'answer-relevance' takes no value: the judge compares the output with the case's input",
            "value"
        ),
        (
            #"{"type":"similar","value":["a","b"]}"#, "'similar' value must be one non-empty text",
            "value"
        ),
        (
            #"{"type":"is-refusal","threshold":0.5}"#,
            "'is-refusal' does not take 'threshold': it passes or fails", "threshold"
        ),
        (
            #"{"type":"cost"}"#, "'cost' needs max in US dollars, e.g. { type: cost, max: 0.002 }",
            "type"
        ),
        (
            #"{"type":"cost","threshold":0.1}"#,
            "'cost' takes max, the most US dollars a case may cost", "threshold"
        ),
        (
            #"{"type":"command"}"#,
            "'command' needs the program to run, e.g. { type: command, value: [python3, checks/tone.py] }",
            "type"
        ),
        (
            #"{"type":"command","value":"x","timeout":0}"#,
            "timeout must be a positive number of seconds", "timeout"
        ),
        (#"{"type":"llm-rubric","value":"x","max":3}"#, "'llm-rubric' does not take 'max'", "max"),
        (
            #"{"type":"assert-set"}"#,
            "'assert-set' needs assert: a list of assertions, e.g. { type: assert-set, threshold: 0.5, assert: [{ type: contains, value: refund }] }",
            "type"
        ),
        (
            #"{"type":"assert-set","assert":[]}"#, "'assert-set' needs at least one assertion",
            "assert"
        ),
        (
            #"{"type":"not-assert-set","assert":[{"type":"is-json"}]}"#,
            "'not-assert-set' cannot be negated; negate its assertions instead", "type"
        ),
        (
            #"{"type":"assert-set","assert":[{"type":"is-json","metric":"m"}]}"#,
            "metric: inside an assert-set is not reported; name the assert-set's metric instead",
            "assert"
        ),
    ])
    func configurationErrors(json: String, message: String, key: String) throws {
        let failure = try #require(AssertionFixture.failure(json), "\(json) should not load")
        #expect(failure.message == message)
        #expect(failure.path.last == key)
    }

    @Test func membersOfASetAreValidatedToo() throws {
        let failure = try #require(
            AssertionFixture.failure(#"{"type":"assert-set","assert":[{"type":"contians"}]}"#))
        #expect(failure.message == "unknown assertion type 'contians'; did you mean 'contains'?")
        #expect(failure.path.first == "assert" && failure.path.last == "type")
    }

    @Test func gradedKindsAreStillSkippedByTheLocalEvaluator() throws {
        let spec = try AssertionFixture.spec(
            #"{"type":"assert-set","assert":[{"type":"is-json"}]}"#)
        let result = spec.evaluate(AssertionContext(output: "{}"))
        #expect(result.skipped && result.reason == "not evaluated: assert-set needs grading")
    }
}
