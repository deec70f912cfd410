import Assertions
import Engine
import Foundation
import PromptGateModel
import Providers
import TestKit
import Testing
import YAMLCoding

/// The graded kinds against a scripted fake judge and the fake embeddings endpoint.
@Suite struct GradingEvaluatorTests {
    static func evaluator(
        _ server: FakeModelServer, judge: Bool = true, embeddings: Bool = true,
        prices: [String: ModelPrice] = [:], root: String = NSTemporaryDirectory()
    ) -> GradedEvaluator {
        var fake = ProviderConfig(
            type: "openai", baseURL: server.baseURL + "/v1", model: "fake-model", timeout: 5)
        fake.retries = 0
        var other = fake
        other.model = "other-model"
        let services = GradingServices(
            mode: .live(record: true, cache: nil), providers: ["fake": fake, "other": other],
            environment: ProcessInfo.processInfo.environment, root: root)
        return GradedEvaluator(
            services: services,
            judge: judge ? ProjectConfig.JudgeConfig(provider: Located("fake")) : nil,
            embeddings: embeddings
                ? ProjectConfig.EmbeddingsConfig(provider: Located("fake"), model: "emb") : nil,
            prices: PriceTable(overrides: prices), environment: ProcessInfo.processInfo.environment)
    }

    static func grade(
        _ evaluator: GradedEvaluator, _ json: String, output: String,
        input: GradingInput? = nil
    ) async throws -> (AssertionResult, GradedOutcome) {
        let spec = try AssertionFixture.spec(json)
        var gradingInput = input ?? GradingInput(output: output, input: "How do I reset it?")
        gradingInput.output = output
        let local = [spec.evaluate(gradingInput.assertionContextForTests)]
        let outcome = await evaluator.grade([spec], local: local, input: gradingInput)
        return (outcome.results[0], outcome)
    }

    static let judgeScript = """
        {"rules": [
          {"match": "OUT-PASS", "reply": "```json\\n{\\"pass\\": \\"yes\\", \\"score\\": \\"0.9\\", \\"reason\\": \\"clear steps\\"}\\n```"},
          {"match": "OUT-FAIL", "reply": "Sure. {'pass': False, 'score': 0.2, 'reason': 'off topic'}"},
          {"match": "OUT-PROSE", "reply": "The answer is good, I would pass it."},
          {"match": "OUT-EMPTY", "empty": true},
          {"match": "OUT-DOWN", "status": 500, "body": "judge down"},
          {"match": "OUT-SUPERSET", "reply": "{\\"category\\": \\"superset\\", \\"reason\\": \\"adds a step\\"}"},
          {"match": "OUT-NOCAT", "reply": "{\\"reason\\": \\"hmm\\"}"},
          {"match": "LANG=es", "reply": "{\\"pass\\": true, \\"reason\\": \\"custom prompt seen\\"}"},
          {"match": "*", "model": "other-model", "reply": "{\\"pass\\": false, \\"reason\\": \\"other judge\\"}"}
        ]}
        """

    @Test func rubricPassFailAndThreshold() async throws {
        let server = try await FakeModelServer.start(script: Self.judgeScript)
        defer { server.stop() }
        let e = Self.evaluator(server)
        let rubric = #"{"type":"llm-rubric","value":"Explains the reset","metric":"tone"}"#
        let (pass, outcome) = try await Self.grade(e, rubric, output: "OUT-PASS steps")
        #expect(pass.passed && pass.score == 0.9 && !pass.skipped && pass.metric == "tone")
        #expect(pass.reason == "judge: pass, score 0.90 — clear steps")
        #expect(outcome.error == nil)
        // With --record the judge exchange is kept, keyed by its request and repeat.
        let entry = try #require(outcome.recordings.first)
        #expect(
            entry.request.contains("OUT-PASS steps") && entry.request.contains("Explains the reset")
        )
        #expect(entry.response.text.contains("clear steps"))

        let (fail, _) = try await Self.grade(e, rubric, output: "OUT-FAIL")
        #expect(!fail.passed && fail.score == 0.2 && fail.reason.hasSuffix("— off topic"))
        let strict = #"{"type":"llm-rubric","value":"x","threshold":0.95}"#
        let (belowThreshold, _) = try await Self.grade(e, strict, output: "OUT-PASS")
        #expect(
            !belowThreshold.passed && belowThreshold.reason.hasPrefix("judge: score 0.90 < 0.95"))
        let (negated, _) = try await Self.grade(
            e, #"{"type":"not-llm-rubric","value":"x"}"#, output: "OUT-FAIL")
        #expect(negated.passed && abs(negated.score - 0.8) < 1e-9)
    }

    /// A 135M judge's real answer: a score, a reason that says fail, and no `pass`.
    @Test func judgesDecideOnlyWhenTheySaySo() async throws {
        let script = #"""
            {"rules": [
              {"match": "OUT-NOPASS", "reply": "{\"reason\": \"The output does not meet the rubric.\", \"score\": 0.5}"},
              {"match": "OUT-LOWPASS", "reply": "{\"pass\": true, \"score\": 0.1}"}
            ]}
            """#
        let server = try await FakeModelServer.start(script: script)
        defer { server.stop() }
        let e = Self.evaluator(server)
        for json in [
            #"{"type":"llm-rubric","value":"x"}"#, #"{"type":"not-llm-rubric","value":"x"}"#,
            #"{"type":"answer-relevance"}"#,
        ] {
            let (r, outcome) = try await Self.grade(e, json, output: "OUT-NOPASS")
            #expect(!r.passed && r.score == 0 && !r.skipped, "\(json)")
            #expect(r.reason == "judge verdict has no pass field", "\(json)")
            #expect(outcome.error == nil)
        }
        let (low, _) = try await Self.grade(
            e, #"{"type":"llm-rubric","value":"x","threshold":0.4}"#, output: "OUT-NOPASS")
        #expect(low.passed && low.score == 0.5)
        #expect(low.reason == "judge: score 0.50 ≥ 0.40 — The output does not meet the rubric.")
        let (high, _) = try await Self.grade(
            e, #"{"type":"llm-rubric","value":"x","threshold":0.6}"#, output: "OUT-NOPASS")
        #expect(!high.passed && high.reason.hasPrefix("judge: score 0.50 < 0.60"))
        let (stated, _) = try await Self.grade(
            e, #"{"type":"llm-rubric","value":"x"}"#, output: "OUT-LOWPASS")
        #expect(stated.passed && stated.score == 0.1 && stated.reason == "judge: pass, score 0.10")
    }

    @Test func malformedVerdictsAreFailuresNeverPasses() async throws {
        let server = try await FakeModelServer.start(script: Self.judgeScript)
        defer { server.stop() }
        let e = Self.evaluator(server)
        for output in ["OUT-PROSE", "OUT-EMPTY"] {
            for type in ["llm-rubric", "not-llm-rubric"] {
                let (r, outcome) = try await Self.grade(
                    e, #"{"type":"\#(type)","value":"x"}"#, output: output)
                #expect(!r.passed && r.score == 0 && !r.skipped, "\(type) on \(output)")
                #expect(r.reason.hasPrefix("judge verdict unparseable: "))
                #expect(outcome.error == nil, "a bad verdict is the assertion's failure")
            }
        }
        let (prose, _) = try await Self.grade(
            e, #"{"type":"llm-rubric","value":"x"}"#, output: "OUT-PROSE")
        #expect(prose.reason == "judge verdict unparseable: 'The answer is good, I would pass it.'")
    }

    @Test func aJudgeThatDoesNotAnswerIsACaseError() async throws {
        let server = try await FakeModelServer.start(script: Self.judgeScript)
        defer { server.stop() }
        let e = Self.evaluator(server)
        let specs = try ["llm-rubric", "similar"].map {
            try AssertionFixture.spec(#"{"type":"\#($0)","value":"x"}"#)
        }
        let input = GradingInput(output: "OUT-DOWN")
        let local = specs.map { $0.evaluate(AssertionContext(output: input.output)) }
        let outcome = await e.grade(specs, local: local, input: input)
        let error = try #require(outcome.error)
        #expect(error.hasPrefix("llm-rubric: judge request failed: HTTP 500"), "\(error)")
        // What follows is not evaluated: it stays skipped, it does not count.
        #expect(outcome.results.allSatisfy { $0.skipped })
    }

    @Test func promptOverrideProviderOverrideAndMissingJudge() async throws {
        let server = try await FakeModelServer.start(script: Self.judgeScript)
        defer { server.stop() }
        let e = Self.evaluator(server)
        let custom =
            #"{"type":"llm-rubric","value":"x","rubric_prompt":"LANG={{ vars.lang }} {{ output }}"}"#
        let (seen, _) = try await Self.grade(
            e, custom, output: "anything",
            input: GradingInput(output: "", vars: ["lang": .string("es")]))
        #expect(seen.passed && seen.reason.hasSuffix("custom prompt seen"))
        let (other, outcome) = try await Self.grade(
            e, #"{"type":"llm-rubric","value":"x","provider":"other"}"#, output: "plain")
        #expect(!other.passed && other.reason.hasSuffix("other judge"))
        #expect(outcome.recordings.first?.request.contains("\"model\":\"other-model\"") == true)
        let (none, noneOutcome) = try await Self.grade(
            Self.evaluator(server, judge: false), #"{"type":"llm-rubric","value":"x"}"#,
            output: "OUT-PASS")
        #expect(!none.passed && none.reason.hasPrefix("no judge configured"))
        #expect(noneOutcome.error == nil)
    }

    @Test func factualityMapsCategories() async throws {
        let server = try await FakeModelServer.start(script: Self.judgeScript)
        defer { server.stop() }
        let e = Self.evaluator(server)
        let (byDefault, outcome) = try await Self.grade(
            e, #"{"type":"factuality","value":"Reset in Settings"}"#, output: "OUT-SUPERSET")
        #expect(byDefault.passed && byDefault.reason == "judge: superset → pass — adds a step")
        let prompt = try #require(outcome.recordings.first?.request)
        #expect(prompt.contains("Reset in Settings") && prompt.contains("How do I reset it?"))
        let (mapped, _) = try await Self.grade(
            e, #"{"type":"factuality","value":"x","map":{"superset":"fail"}}"#,
            output: "OUT-SUPERSET")
        #expect(!mapped.passed && mapped.reason.hasPrefix("judge: superset → fail"))
        let (noCategory, _) = try await Self.grade(
            e, #"{"type":"factuality","value":"x"}"#, output: "OUT-NOCAT")
        #expect(!noCategory.passed && noCategory.reason.hasPrefix("judge verdict unparseable"))
    }

    @Test func answerRelevanceUsesTheInput() async throws {
        let server = try await FakeModelServer.start(script: Self.judgeScript)
        defer { server.stop() }
        let (r, outcome) = try await Self.grade(
            Self.evaluator(server), #"{"type":"answer-relevance","threshold":0.5}"#,
            output: "OUT-PASS")
        #expect(r.passed && r.reason.hasPrefix("judge: score 0.90 ≥ 0.50"))
        #expect(outcome.recordings.first?.request.contains("How do I reset it?") == true)
    }
}

extension GradingInput {
    /// The deterministic kinds' context, as the runner builds it.
    var assertionContextForTests: AssertionContext {
        AssertionContext(output: output, latencyMs: latencyMs, input: input)
    }
}
