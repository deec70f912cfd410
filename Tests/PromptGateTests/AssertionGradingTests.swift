import Assertions
import Foundation
import Testing

@Suite struct AssertionGradingTests {
    func result(_ passed: Bool, weight: Double = 1, skipped: Bool = false) -> AssertionResult {
        AssertionResult(
            type: "contains", passed: passed, score: passed ? 1 : 0, reason: "r", weight: weight,
            skipped: skipped)
    }

    @Test func noAssertionsPassWithFullScore() {
        let grade = Grader.grade([], threshold: nil)
        #expect(grade.passed && grade.score == 1 && grade.results.isEmpty)
        #expect(Grader.grade([], threshold: 0.9).passed)
    }

    @Test func withoutThresholdEveryAssertionMustPass() {
        #expect(Grader.grade([result(true), result(true)], threshold: nil).passed)
        let grade = Grader.grade([result(true), result(false)], threshold: nil)
        #expect(!grade.passed && grade.score == 0.5)
    }

    @Test func weightsShapeTheScoreAndThresholdDecides() {
        let results = [result(true), result(false, weight: 2)]
        #expect(abs(Grader.grade(results, threshold: nil).score - 1.0 / 3.0) < 1e-12)
        #expect(!Grader.grade(results, threshold: nil).passed)
        #expect(Grader.grade(results, threshold: 0.3).passed)
        #expect(!Grader.grade(results, threshold: 0.5).passed)
        let flipped = [result(false), result(true, weight: 2)]
        #expect(Grader.grade(flipped, threshold: 0.6).passed)
        #expect(!Grader.grade(flipped, threshold: 0.7).passed)
        #expect(!Grader.grade(flipped, threshold: nil).passed)
    }

    @Test func thresholdToleratesFloatingPointRounding() {
        // Half of six weights of 0.3 computes as 0.49999999999999994, not 0.5.
        let results = (0..<6).map { result($0 < 3, weight: 0.3) }
        let grade = Grader.grade(results, threshold: 0.5)
        #expect(grade.score < 0.5 && abs(grade.score - 0.5) < 1e-9)
        #expect(grade.passed)
        #expect(!Grader.grade(results, threshold: 0.51).passed)
        #expect(Grader.grade([result(true)], threshold: 1).passed)
        #expect(!Grader.grade([result(true), result(false, weight: 0.001)], threshold: 1).passed)
    }

    @Test func skippedResultsDoNotCount() {
        let grade = Grader.grade([result(true), result(false, skipped: true)], threshold: nil)
        #expect(grade.passed && grade.score == 1 && grade.results.count == 2)
        let onlySkipped = Grader.grade([result(false, skipped: true)], threshold: 0.5)
        #expect(onlySkipped.passed && onlySkipped.score == 1)
        let failing = Grader.grade([result(false), result(true, skipped: true)], threshold: nil)
        #expect(!failing.passed && failing.score == 0)
    }

    @Test func zeroWeightCountsForPassButNotForScore() {
        let results = [result(true), result(false, weight: 0)]
        let grade = Grader.grade(results, threshold: nil)
        #expect(grade.score == 1 && !grade.passed)
        #expect(Grader.grade(results, threshold: 1).passed)
        #expect(Grader.grade([result(false, weight: 0)], threshold: 0.5).score == 1)
    }

    @Test(arguments: AssertionKind.allCases.filter { !$0.isEvaluatedLocally })
    func kindsEvaluatedElsewhereAreSkipped(kind: AssertionKind) throws {
        for negated in [false, true] {
            let spec = AssertionSpec(
                kind: kind, negated: negated, value: .string("x"), weight: 3, metric: "m")
            let result = spec.evaluate(AssertionContext(output: "x"))
            #expect(result.skipped && !result.passed && result.score == 0)
            let evaluator = try #require(kind.evaluator)
            #expect(result.reason == "not evaluated: \(spec.typeName) needs \(evaluator)")
            #expect(result.weight == 3 && result.metric == "m")
        }
    }

    @Test func exactlyTheDeterministicKindsAreEvaluatedHere() throws {
        let local = AssertionKind.allCases.filter(\.isEvaluatedLocally).map(\.rawValue)
        #expect(
            local == [
                "equals", "contains", "icontains", "contains-any", "contains-all", "starts-with",
                "regex", "is-json", "contains-json", "word-count", "latency", "language",
                "levenshtein", "rouge-n", "rouge-l", "bleu", "json-schema", "tool-called",
                "tool-args", "tool-sequence",
                "tool-call-count", "valid-tool-call", "no-tool-call",
            ])
        let rubric = try AssertionFixture.run(#"{"type":"llm-rubric","value":"Explains it"}"#, "x")
        #expect(rubric.reason == "not evaluated: llm-rubric needs judge")
        let language = try AssertionFixture.run(#"{"type":"language","value":"es"}"#, "x")
        #expect(!language.skipped && language.reason.hasPrefix("could not detect the language"))
    }

    @Test func aCaseGradedFromRealAssertions() throws {
        let json = #"""
            [ { "type": "contains", "value": "Settings" },
              { "type": "not-icontains", "value": "as an ai", "weight": 2 },
              { "type": "contains-any", "value": ["refund", "credit"], "weight": 2 },
              { "type": "llm-rubric", "value": "Explains how to reset the password" } ]
            """#
        let specs = try JSONDecoder().decode([AssertionSpec].self, from: Data(json.utf8))
        let ctx = AssertionContext(output: "Go to Settings > Security and press Reset.")
        let results = specs.map { $0.evaluate(ctx) }
        #expect(results.map(\.passed) == [true, true, false, false])
        let grade = Grader.grade(results, threshold: 0.6)
        #expect(abs(grade.score - 3.0 / 5.0) < 1e-12)
        #expect(grade.passed)
        #expect(!Grader.grade(results, threshold: nil).passed)
    }
}
