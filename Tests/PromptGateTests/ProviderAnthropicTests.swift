import Foundation
import Providers
import TestKit
import Testing

/// The Messages API wire format against a local server: request shape, headers, replies and
/// each error shape.
@Suite struct ProviderAnthropicTests {
    static let ok = """
        {"id": "msg_1", "type": "message", "role": "assistant", "model": "m-1",
         "content": [{"type": "text", "text": "Hello"},
                     {"type": "tool_use", "id": "t", "name": "x", "input": {}},
                     {"type": "text", "text": ", world"}],
         "stop_reason": "end_turn", "usage": {"input_tokens": 12, "output_tokens": 5}}
        """

    func provider(
        _ server: ProviderStubServer, version: String? = nil, env: [String: String] = [:]
    ) throws -> AnthropicProvider {
        let config = ProviderConfig(
            type: "anthropic", baseURL: server.baseURL, apiKeyEnv: "ANTHROPIC_API_KEY",
            timeout: 5, anthropicVersion: version)
        return try AnthropicProvider(
            name: "claude", config: config,
            environment: env.isEmpty ? ["ANTHROPIC_API_KEY": "ak-SECRET"] : env,
            client: ProviderFixture.client)
    }

    @Test func sendsTheMessagesAPIShapeAndReadsTextUsageAndStopReason() async throws {
        let server = try ProviderStubServer(.json(Self.ok))
        defer { server.stop() }
        let request = ProviderFixture.request(
            type: "anthropic", baseURL: server.baseURL,
            params: ModelParams(temperature: 0.5, topP: 0.9, seed: 7, stop: ["END"]))
        let response = try await provider(server).complete(request)
        #expect(response.text == "Hello, world")
        #expect(response.finishReason == "end_turn")
        #expect(response.promptTokens == 12 && response.completionTokens == 5)

        let sent = try #require(server.requests.first)
        #expect(sent.method == "POST" && sent.path == "/v1/messages")
        #expect(sent.headers["x-api-key"] == "ak-SECRET")
        #expect(sent.headers["anthropic-version"] == "2023-06-01")
        #expect(sent.headers["content-type"] == "application/json")
        #expect(sent.headers["authorization"] == nil)
        let body = try #require(sent.json)
        #expect(body["system"] as? String == "Be brief.")
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages == [["role": "user", "content": "Hi \"there\""]])
        #expect(body["model"] as? String == "m-1")
        #expect(body["max_tokens"] as? Int == 1024)
        #expect(body["temperature"] as? Double == 0.5)
        #expect(body["top_p"] as? Double == 0.9)
        #expect(body["stop_sequences"] as? [String] == ["END"])
        #expect(body["seed"] == nil, "the Messages API has no seed")
        #expect(
            Set(body.keys) == [
                "model", "max_tokens", "system", "messages", "temperature", "top_p",
                "stop_sequences",
            ])
    }

    @Test func versionAndMaxTokensAreConfigurableAndV1IsNotDoubled() async throws {
        let server = try ProviderStubServer(.json(Self.ok))
        defer { server.stop() }
        let config = ProviderConfig(
            type: "anthropic", baseURL: server.baseURL + "/v1/", timeout: 5,
            anthropicVersion: "2024-01-01")
        let provider = try AnthropicProvider(
            name: "c", config: config, environment: [:], client: ProviderFixture.client)
        let request = ProviderFixture.request(
            type: "anthropic", baseURL: server.baseURL + "/v1/",
            messages: [ChatMessage(role: "user", content: "q")],
            params: ModelParams(maxTokens: 77))
        _ = try await provider.complete(request)
        let sent = try #require(server.requests.first)
        #expect(sent.path == "/v1/messages")
        #expect(sent.headers["anthropic-version"] == "2024-01-01")
        #expect(sent.headers["x-api-key"] == nil, "no api_key_env, no key header")
        let body = try #require(sent.json)
        #expect(body["max_tokens"] as? Int == 77)
        #expect(body["system"] == nil, "no system messages, no system field")
    }

    @Test func overloadedErrorShapeIsAnAPIError() async throws {
        let server = try ProviderStubServer(
            .json(
                #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
                status: 529))
        defer { server.stop() }
        let request = ProviderFixture.request(type: "anthropic", baseURL: server.baseURL)
        let p = try provider(server)
        let error = await ProviderFixture.providerError { _ = try await p.complete(request) }
        #expect(error == .apiError(status: 529, message: "overloaded_error: Overloaded"))
        #expect(error?.description == "HTTP 529: provider error: overloaded_error: Overloaded")
    }

    @Test func malformedRepliesAndServerErrorsAreErrors() async throws {
        let cases: [(ProviderStubServer.Reply, (ProviderError?) -> Bool)] = [
            (
                .json("{not json"),
                { if case .malformed(200, "not JSON", _) = $0 { true } else { false } }
            ),
            (
                .json(#"{"type": "message"}"#),
                { if case .malformed(200, "no 'content'", _) = $0 { true } else { false } }
            ),
            (
                .json(#"{"content": [{"type": "text"}]}"#),
                {
                    if case .malformed(200, "text block without 'text'", _) = $0 {
                        true
                    } else {
                        false
                    }
                }
            ),
            (
                .init(status: 500, body: "<html>boom</html>", contentType: "text/html"),
                { $0 == .http(status: 500, excerpt: "<html>boom</html>") }
            ),
        ]
        for (reply, check) in cases {
            let server = try ProviderStubServer(reply)
            defer { server.stop() }
            let request = ProviderFixture.request(type: "anthropic", baseURL: server.baseURL)
            let p = try provider(server)
            let error = await ProviderFixture.providerError { _ = try await p.complete(request) }
            #expect(check(error), "\(reply.body) → \(String(describing: error))")
        }
    }

    @Test func missingKeyIsAnErrorAndTheKeyNeverEntersRequestKeys() throws {
        let config = ProviderConfig(type: "anthropic", apiKeyEnv: "ANTHROPIC_API_KEY")
        #expect(throws: ProviderError.missingAPIKey(variable: "ANTHROPIC_API_KEY", provider: "c")) {
            try AnthropicProvider(
                name: "c", config: config, environment: [:], client: ProviderFixture.client)
        }
        let request = ModelRequest(
            providerName: "c", providerType: "anthropic", baseURL: config.endpoint, model: "m",
            messages: [ChatMessage(role: "user", content: "q")], params: ModelParams(),
            settings: config.requestSettings)
        #expect(config.endpoint == "https://api.anthropic.com")
        #expect(request.canonicalJSON.contains("2023-06-01"))
        #expect(!request.canonicalJSON.contains("ANTHROPIC_API_KEY"))
    }
}
