import Foundation
import Providers
import TestKit
import Testing

/// Embeddings from an openai-compatible /embeddings endpoint.
@Suite struct ProviderEmbeddingTests {
    func embedder(_ server: ProviderStubServer) throws -> any EmbeddingProvider {
        try ProviderFactory.makeEmbedder(
            name: "oa",
            config: ProviderConfig(
                type: "openai", baseURL: server.baseURL + "/v1", apiKeyEnv: "OPENAI_API_KEY",
                model: "chat-m", timeout: 5, embeddingModel: "embed-m"),
            environment: ["OPENAI_API_KEY": "sk-SECRET"], client: ProviderFixture.client)
    }

    @Test func sendsTheInputsAndOrdersVectorsByIndex() async throws {
        let server = try ProviderStubServer(
            .json(
                """
                {"object": "list", "model": "embed-m", "data": [
                  {"object": "embedding", "index": 1, "embedding": [0, 1]},
                  {"object": "embedding", "index": 0, "embedding": [0.5, -0.5]}]}
                """))
        defer { server.stop() }
        let vectors = try await embedder(server).embed(["first", "second"])
        #expect(vectors == [[0.5, -0.5], [0, 1]])
        let sent = try #require(server.requests.first)
        #expect(sent.path == "/v1/embeddings")
        #expect(sent.headers["authorization"] == "Bearer sk-SECRET")
        let body = try #require(sent.json)
        #expect(body["model"] as? String == "embed-m")
        #expect(body["input"] as? [String] == ["first", "second"])
    }

    @Test func errorsAndWrongCountsAreErrors() async throws {
        let cases: [(ProviderStubServer.Reply, (ProviderError?) -> Bool)] = [
            (
                .json(
                    #"{"error": {"message": "bad model", "type": "invalid_request_error"}}"#,
                    status: 400),
                { $0 == .apiError(status: 400, message: "bad model") }
            ),
            (
                .json(#"{"data": [{"index": 0, "embedding": [1]}]}"#),
                {
                    if case .malformed(200, "1 embeddings for 2 inputs", _) = $0 {
                        true
                    } else {
                        false
                    }
                }
            ),
            (
                .json(
                    #"{"data": [{"index": 0, "embedding": [1]}, {"index": 1, "embedding": [1, 2]}]}"#
                ),
                {
                    if case .malformed(200, "embeddings of different or zero dimensions", _) = $0 {
                        true
                    } else {
                        false
                    }
                }
            ),
            (
                .json(
                    #"{"data": [{"index": 0, "embedding": ["a"]}, {"index": 1, "embedding": [1]}]}"#
                ),
                {
                    if case .malformed(200, "data[0].embedding holds a non-number", _) = $0 {
                        true
                    } else {
                        false
                    }
                }
            ),
            (
                .json("nope"),
                { if case .malformed(200, "not JSON", _) = $0 { true } else { false } }
            ),
            (
                .init(status: 503, body: "down", contentType: "text/plain"),
                { $0 == .http(status: 503, excerpt: "down") }
            ),
        ]
        for (reply, check) in cases {
            let server = try ProviderStubServer(reply)
            defer { server.stop() }
            let e = try embedder(server)
            let error = await ProviderFixture.providerError { _ = try await e.embed(["a", "b"]) }
            #expect(check(error), "\(reply.body) → \(String(describing: error))")
        }
    }

    @Test func onlyOpenAICompatibleProvidersEmbed() {
        #expect(throws: ProviderError.self) {
            try ProviderFactory.makeEmbedder(
                name: "x", config: ProviderConfig(type: "anthropic", model: "m"), environment: [:],
                client: ProviderFixture.client)
        }
    }
}
