import Foundation
import Providers
import TestKit
import Testing

/// Ollama's native /api/chat against a local server.
@Suite struct ProviderOllamaTests {
    static let ok = """
        {"model": "m-1", "created_at": "2026-01-01T00:00:00Z",
         "message": {"role": "assistant", "content": "Hola"},
         "done": true, "done_reason": "stop", "prompt_eval_count": 26, "eval_count": 3}
        """

    func provider(_ server: ProviderStubServer) throws -> OllamaProvider {
        try OllamaProvider(
            name: "local",
            config: ProviderConfig(type: "ollama", baseURL: server.baseURL, timeout: 5),
            environment: [:], client: ProviderFixture.client)
    }

    @Test func sendsNativeChatWithOptionsAndReadsTheReply() async throws {
        let server = try ProviderStubServer(.json(Self.ok))
        defer { server.stop() }
        let request = ProviderFixture.request(
            type: "ollama", baseURL: server.baseURL + "/",
            params: ModelParams(
                temperature: 0, maxTokens: 40, topP: 0.5, seed: 3, stop: ["\n\n"],
                responseFormat: .object(["type": .string("json_object")])))
        let response = try await provider(server).complete(request)
        #expect(response.text == "Hola")
        #expect(response.finishReason == "stop")
        #expect(response.promptTokens == 26 && response.completionTokens == 3)

        let sent = try #require(server.requests.first)
        #expect(sent.method == "POST" && sent.path == "/api/chat")
        let body = try #require(sent.json)
        #expect(body["stream"] as? Bool == false)
        #expect(body["model"] as? String == "m-1")
        #expect(body["format"] as? String == "json")
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages.map { $0["role"] ?? "" } == ["system", "user"])
        let options = try #require(body["options"] as? [String: Any])
        #expect(options["temperature"] as? Double == 0)
        #expect(options["num_predict"] as? Int == 40)
        #expect(options["top_p"] as? Double == 0.5)
        #expect(options["seed"] as? Int == 3)
        #expect(options["stop"] as? [String] == ["\n\n"])
        #expect(Set(options.keys) == ["temperature", "num_predict", "top_p", "seed", "stop"])
    }

    @Test func noParamsSendsNoOptions() async throws {
        let server = try ProviderStubServer(.json(Self.ok))
        defer { server.stop() }
        _ = try await provider(server).complete(
            ProviderFixture.request(type: "ollama", baseURL: server.baseURL))
        let body = try #require(server.requests.first?.json)
        #expect(body["options"] == nil && body["format"] == nil)
    }

    @Test func errorShapesAreErrors() async throws {
        let cases: [(ProviderStubServer.Reply, (ProviderError?) -> Bool)] = [
            (
                .json(#"{"error": "model 'm-1' not found"}"#, status: 404),
                { $0 == .apiError(status: 404, message: "model 'm-1' not found") }
            ),
            (
                .json("[1, 2"),
                { if case .malformed(200, "not JSON", _) = $0 { true } else { false } }
            ),
            (
                .json(#"{"done": true}"#),
                { if case .malformed(200, "no 'message'", _) = $0 { true } else { false } }
            ),
            (
                .json(#"{"message": {"content": 5}}"#),
                {
                    if case .malformed(200, "'message.content' is not text", _) = $0 {
                        true
                    } else {
                        false
                    }
                }
            ),
            (
                .init(status: 500, body: "", contentType: "text/plain"),
                { $0 == .http(status: 500, excerpt: "(empty body)") }
            ),
        ]
        for (reply, check) in cases {
            let server = try ProviderStubServer(reply)
            defer { server.stop() }
            let p = try provider(server)
            let request = ProviderFixture.request(type: "ollama", baseURL: server.baseURL)
            let error = await ProviderFixture.providerError { _ = try await p.complete(request) }
            #expect(check(error), "\(reply.body) → \(String(describing: error))")
        }
    }

    @Test func defaultBaseURLIsTheLocalDaemon() {
        #expect(ProviderConfig(type: "ollama").endpoint == "http://localhost:11434")
        #expect(ProviderConfig(type: "ollama").requestSettings == nil)
    }
}
