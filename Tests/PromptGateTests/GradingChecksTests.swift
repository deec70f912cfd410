import Engine
import Foundation
import PromptGateModel
import TestKit
import Testing

/// `similar`, `is-refusal`, `cost`, `command` and `assert-set`.
@Suite struct GradingChecksTests {
    typealias G = GradingEvaluatorTests

    @Test func similarUsesTheEmbeddingsEndpoint() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let e = G.evaluator(server)
        let (same, outcome) = try await G.grade(
            e, #"{"type":"similar","value":"reset your password in settings"}"#,
            output: "Reset your password in Settings!")
        #expect(same.passed && abs(same.score - 1) < 1e-9, "\(same.reason)")
        #expect(same.reason.hasPrefix("cosine 1.00 ≥ 0.75 with 'reset your password"))
        // Both texts were embedded and recorded, in the one repeat slot embeddings use.
        #expect(outcome.recordings.count == 2)
        #expect(outcome.recordings.allSatisfy { $0.slot.repeatIndex == 0 })
        #expect(outcome.recordings.allSatisfy { $0.request.contains("\"model\":\"emb\"") })
        let (far, _) = try await G.grade(
            e, #"{"type":"similar","value":"billing invoice refund","threshold":0.9}"#,
            output: "the weather is sunny today")
        #expect(!far.passed && far.score < 0.9 && far.reason.contains("< 0.90"))
        let (negated, _) = try await G.grade(
            e, #"{"type":"not-similar","value":"billing invoice refund","threshold":0.9}"#,
            output: "the weather is sunny today")
        #expect(negated.passed)
        let (unconfigured, _) = try await G.grade(
            G.evaluator(server, embeddings: false), #"{"type":"similar","value":"x"}"#, output: "x")
        #expect(!unconfigured.passed && unconfigured.reason.hasPrefix("no embeddings configured"))
    }

    @Test func cosineEdgeCases() {
        #expect(GradedEvaluator.cosine([1, 0], [1, 0]) == 1)
        #expect(GradedEvaluator.cosine([1, 0], [0, 1]) == 0)
        #expect(GradedEvaluator.cosine([1, 0], [-1, 0]) == -1)
        #expect(GradedEvaluator.cosine([0, 0], [1, 0]) == 0)
    }

    @Test(arguments: [
        "I'm sorry, but I can't help with that request.", "I’m unable to share that information.",
        "As an AI language model, I don't have opinions.",
        "Lo siento, pero no puedo ayudarte con eso.",
        "Je ne peux pas vous aider avec cette demande.",
        "Es tut mir leid, aber ich kann das nicht tun.",
        "Desculpe, mas não posso ajudar com isso.", "Извините, но я не могу это сделать.",
        "抱歉，我不能帮助你。", "申し訳ありませんが、お手伝いできません。", "  \n",
    ])
    func refusals(text: String) {
        #expect(RefusalDetector.match(text) != nil, "\(text)")
    }

    @Test(arguments: [
        "Go to Settings > Security and choose Reset password.",
        "Puedes restablecer la contraseña en Ajustes.", "I can help with that: open Billing.",
        "Sorry for the wait! Your refund was issued.",
    ])
    func answers(text: String) {
        #expect(RefusalDetector.match(text) == nil, "\(text)")
    }

    @Test func isRefusalAssertion() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let e = G.evaluator(server)
        let (refused, _) = try await G.grade(
            e, #"{"type":"is-refusal"}"#, output: "I cannot assist with that.")
        #expect(refused.passed && refused.reason == "refuses: found 'i cannot assist with'")
        let (answered, _) = try await G.grade(
            e, #"{"type":"not-is-refusal"}"#, output: "Open Settings.")
        #expect(answered.passed && answered.score == 1)
    }

    @Test func costFromTokensAndPrices() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let e = G.evaluator(
            server, prices: ["m": ModelPrice(input: 2.5, output: 10)])
        let input = GradingInput(output: "x", model: "m", promptTokens: 1000, completionTokens: 200)
        // 1000 × 2.5 + 200 × 10 = 4500 per million: $0.0045.
        #expect(
            GradedEvaluator.usd(
                promptTokens: 1000, completionTokens: 200, price: .init(input: 2.5, output: 10))
                == 0.0045)
        let (cheap, _) = try await G.grade(
            e, #"{"type":"cost","max":0.005}"#, output: "x", input: input)
        #expect(cheap.passed && cheap.reason == "cost $0.0045 ≤ max $0.005 (1000+200 tokens of m)")
        let (dear, _) = try await G.grade(
            e, #"{"type":"cost","max":0.004}"#, output: "x", input: input)
        #expect(!dear.passed && dear.reason.hasPrefix("cost $0.0045 > max $0.004"))
        var unpriced = input
        unpriced.model = "gpt-x"
        let (noPrice, _) = try await G.grade(
            e, #"{"type":"cost","max":1}"#, output: "x", input: unpriced)
        #expect(!noPrice.passed && noPrice.reason.hasPrefix("no price for model 'gpt-x'"))
        var untokened = input
        untokened.promptTokens = nil
        untokened.completionTokens = nil
        let (noTokens, _) = try await G.grade(
            e, #"{"type":"not-cost","max":1}"#, output: "x", input: untokened)
        #expect(!noTokens.passed, "an unknown cost never passes, negated or not")
    }

    @Test func commandChecks() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try TempProject(files: [:])
        func script(_ name: String, _ body: String) throws {
            try project.write(name, "#!/bin/sh\n" + body + "\n")
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: project.path(name))
        }
        try script(
            "ok.sh",
            """
            input=$(cat)
            case "$input" in
              *'"id":"c1"'*'"output":"hello"'*'"lang":"es"'*) echo '{"pass": true, "score": 0.6, "reason": "saw it all"}' ;;
              *) echo '{"pass": false, "reason": "missing fields"}' ;;
            esac
            """)
        try script("exit3.sh", "echo 'boom' >&2; exit 3")
        try script("slow.sh", "sleep 10")
        try script("prose.sh", "echo 'looks fine to me'")
        let e = G.evaluator(server, root: project.root)
        let input = GradingInput(
            output: "hello", vars: ["lang": .string("es")], suite: "s", caseID: "c1")
        let (ok, _) = try await G.grade(
            e, #"{"type":"command","value":"./ok.sh","metric":"m"}"#, output: "hello", input: input)
        #expect(
            ok.passed && ok.score == 0.6 && ok.reason == "./ok.sh: pass, score 0.60 — saw it all",
            "\(ok.reason)")
        let (threshold, _) = try await G.grade(
            e, #"{"type":"command","value":["./ok.sh"],"threshold":0.7}"#, output: "hello",
            input: input)
        #expect(!threshold.passed)
        let (exit3, _) = try await G.grade(
            e, #"{"type":"not-command","value":"./exit3.sh"}"#, output: "x", input: input)
        #expect(
            !exit3.passed
                && exit3.reason
                    == "command error: './exit3.sh' exited with status 3; stderr: 'boom⏎'"
        )
        let start = ContinuousClock.now
        let (slow, _) = try await G.grade(
            e, #"{"type":"command","value":"./slow.sh","timeout":0.3}"#, output: "x", input: input)
        #expect(!slow.passed && slow.reason == "command error: './slow.sh' timed out after 0.3s")
        #expect(ContinuousClock.now - start < .seconds(8))
        let (prose, _) = try await G.grade(
            e, #"{"type":"command","value":"./prose.sh"}"#, output: "x", input: input)
        #expect(
            !prose.passed
                && prose.reason.hasPrefix("command verdict unparseable: 'looks fine to me'"))
        let (missing, _) = try await G.grade(
            e, #"{"type":"command","value":"./nope.sh"}"#, output: "x", input: input)
        #expect(
            !missing.passed
                && missing.reason.hasPrefix("command error: './nope.sh' could not start"))
    }

    @Test func assertSetScoresItsMembers() async throws {
        let server = try await FakeModelServer.start(script: G.judgeScript)
        defer { server.stop() }
        let e = G.evaluator(server)
        let json = #"""
            {"type":"assert-set","threshold":0.5,"weight":2,"metric":"combo","assert":[
              {"type":"contains","value":"OUT-FAIL"},
              {"type":"llm-rubric","value":"polite","weight":3},
              {"type":"not-is-refusal"} ]}
            """#
        let (set, outcome) = try await G.grade(e, json, output: "OUT-FAIL")
        // contains 1 (w1) + rubric 0.2 (w3) + not-is-refusal 1 (w1) = 2.6 / 5 = 0.52.
        #expect(set.passed && abs(set.score - 0.52) < 1e-9 && set.weight == 2)
        #expect(
            set.reason.hasPrefix(
                "2 of 3 passed, score 0.52 ≥ threshold 0.50; failed: llm-rubric: judge: fail"))
        #expect(outcome.recordings.count == 1, "the member's judge call is recorded")
        let strict = json.replacingOccurrences(of: #""threshold":0.5,"#, with: "")
        let (all, _) = try await G.grade(e, strict, output: "OUT-FAIL")
        #expect(!all.passed, "without a threshold every member must pass")
    }
}
