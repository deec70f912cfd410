import Foundation
import Providers
import TestKit
import Testing

/// The generic JSON endpoint: body template, key header, output path and its misses.
@Suite struct ProviderHTTPTests {
    static let body = """
        {"conversation": {{ messages | json }}, "input": {{ prompt | json }},
         "instructions": {{ system | json }}, "engine": {{ model | json }},
         "temperature": {{ params.temperature | default("null") }}}
        """

    func provider(
        _ server: ProviderStubServer, path: String = "/chat", method: String? = nil,
        body: String? = Self.body, output: String = "$.data.reply",
        apiKeyHeader: String? = nil, apiKeyPrefix: String? = nil
    ) throws -> HTTPProvider {
        let config = ProviderConfig(
            type: "http", apiKeyEnv: "APP_TOKEN", headers: ["X-Team": "qa"], timeout: 5,
            url: server.baseURL + path, method: method, body: body, output: output,
            apiKeyHeader: apiKeyHeader, apiKeyPrefix: apiKeyPrefix)
        return try HTTPProvider(
            name: "app", config: config, environment: ["APP_TOKEN": "tok-SECRET"],
            client: ProviderFixture.client)
    }

    func request(_ server: ProviderStubServer, params: ModelParams = ModelParams()) -> ModelRequest
    {
        ProviderFixture.request(type: "http", baseURL: server.baseURL, params: params)
    }

    @Test func rendersTheBodyTemplateAndPicksTheOutput() async throws {
        let server = try ProviderStubServer(.json(#"{"data": {"reply": "pong", "n": 1}}"#))
        defer { server.stop() }
        let response = try await provider(server).complete(
            request(server, params: ModelParams(temperature: 0.25)))
        #expect(response.text == "pong")
        let sent = try #require(server.requests.first)
        #expect(sent.method == "POST" && sent.path == "/chat")
        #expect(sent.headers["authorization"] == "Bearer tok-SECRET")
        #expect(sent.headers["x-team"] == "qa")
        #expect(sent.headers["content-type"] == "application/json")
        let body = try #require(sent.json)
        #expect(body["input"] as? String == "Hi \"there\"")
        #expect(body["instructions"] as? String == "Be brief.")
        #expect(body["engine"] as? String == "m-1")
        #expect(body["temperature"] as? Double == 0.25)
        let conversation = try #require(body["conversation"] as? [[String: String]])
        #expect(
            conversation == [
                ["role": "system", "content": "Be brief."],
                ["role": "user", "content": "Hi \"there\""],
            ])
    }

    @Test func keyHeaderAndPrefixAreConfigurableAndMethodIsUsed() async throws {
        let server = try ProviderStubServer(.json(#"{"choices": [{"text": "a"}, {"text": "b"}]}"#))
        defer { server.stop() }
        let p = try provider(
            server, path: "/q?x=1", method: "PUT", output: #"$["choices"][-1].text"#,
            apiKeyHeader: "X-Key", apiKeyPrefix: "Token ")
        let response = try await p.complete(request(server))
        #expect(response.text == "b")
        let sent = try #require(server.requests.first)
        #expect(sent.method == "PUT" && sent.path == "/q?x=1")
        #expect(sent.headers["x-key"] == "Token tok-SECRET")
        #expect(sent.headers["authorization"] == nil)
    }

    @Test func nonStringOutputIsJSONTextAndGetSendsNoBody() async throws {
        let server = try ProviderStubServer(.json(#"{"result": {"b": 2, "a": [true, null]}}"#))
        defer { server.stop() }
        let p = try provider(server, method: "GET", body: nil, output: "$.result")
        let response = try await p.complete(request(server))
        #expect(response.text == #"{"a":[true,null],"b":2}"#)
        #expect(server.requests.first?.method == "GET")
        #expect(server.requests.first?.body.isEmpty == true)
    }

    @Test func pathMissesNullsAndBadRepliesAreErrorsQuotingTheBody() async throws {
        let cases: [(ProviderStubServer.Reply, String, String)] = [
            (
                .json(#"{"data": {"text": "x"}}"#), "$.data.reply",
                "no key 'reply' in the object at $.data (keys: text)"
            ),
            (
                .json(#"{"data": ["x"]}"#), "$.data[3]",
                "index 3 is out of range at $.data (1 items)"
            ),
            (.json(#"{"data": "x"}"#), "$.data.reply", "$.data is a string, not an object"),
            (.json(#"{"data": {"reply": null}}"#), "$.data.reply", "$.data.reply is null"),
            (.json("<html>"), "$.data.reply", "not JSON"),
            (.json(""), "$.data.reply", "empty body"),
        ]
        for (reply, path, reason) in cases {
            let server = try ProviderStubServer(reply)
            defer { server.stop() }
            let p = try provider(server, output: path)
            let r = request(server)
            let error = await ProviderFixture.providerError { _ = try await p.complete(r) }
            guard case .malformed(200, let got, let excerpt) = error else {
                Issue.record("\(reply.body): \(String(describing: error))")
                continue
            }
            #expect(got.hasSuffix(reason), "\(got)")
            #expect(excerpt == (reply.body.isEmpty ? "(empty body)" : reply.body))
        }
    }

    @Test func serverErrorsAreHTTPErrors() async throws {
        let server = try ProviderStubServer(.json(#"{"detail": "bad gateway"}"#, status: 502))
        defer { server.stop() }
        let p = try provider(server)
        let r = request(server)
        let error = await ProviderFixture.providerError { _ = try await p.complete(r) }
        #expect(error == .http(status: 502, excerpt: #"{"detail": "bad gateway"}"#))
    }

    @Test func connectionFailuresAreRetryableErrorsWithoutTheKey() async throws {
        let server = try ProviderStubServer(.json("{}"))
        let p = try provider(server)
        server.stop()
        try await Task.sleep(for: .milliseconds(300))
        let r = request(server)
        let error = await ProviderFixture.providerError { _ = try await p.complete(r) }
        // A refused connection keeps its kind, so the runner retries it like OpenAI's (and
        // counts it towards declaring the provider down).
        guard case .unreachable(.connect, let message) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(error?.isRetryable == true)
        #expect(!message.contains("tok-SECRET") && !message.isEmpty)
    }

    @Test func aBodyThatRendersInvalidJSONIsNotSent() async throws {
        let server = try ProviderStubServer(.json(#"{"data": {"reply": "x"}}"#))
        defer { server.stop() }
        let p = try provider(server, body: #"{"input": "{{ prompt }}"}"#)
        let r = request(server)
        let error = await ProviderFixture.providerError { _ = try await p.complete(r) }
        guard case .invalidRequest(let message) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(message.contains("rendered invalid JSON") && message.contains("| json"))
        #expect(server.requests.isEmpty)
    }

    @Test func jsonPathParsesAndRejects() throws {
        #expect(try JSONPath("$").steps == [])
        #expect(
            try JSONPath(#"$.a["b c"][0]['d\'e'][-2]"#).steps == [
                .key("a"), .key("b c"), .index(0), .key("d'e"), .index(-2),
            ])
        let bad: [(String, String)] = [
            ("data.reply", "a JSON path starts with '$', e.g. $.data.reply (at character 1)"),
            ("$.", "expected a key name after '.' (at character 3)"),
            ("$[", "unclosed '[' (at character 3)"),
            ("$[x]", "expected an index or a quoted key inside '[ ]' (at character 3)"),
            ("$[0", "expected ']' (at character 4)"),
            (#"$["a]"#, "unclosed quoted key (at character 6)"),
            ("$a", "unexpected 'a'; use .key, [\"key\"] or [0] (at character 2)"),
        ]
        for (source, message) in bad {
            #expect(throws: JSONPathError.self) { try JSONPath(source) }
            do {
                _ = try JSONPath(source)
            } catch {
                #expect(error.description == message, "\(source)")
            }
        }
    }

    @Test func requestSettingsKeepSecretsOutAndFollowTheTemplate() {
        let config = ProviderConfig(
            type: "http", apiKeyEnv: "APP_TOKEN", headers: ["X-Team": "qa-value"],
            url: "https://x.test/a", body: "{}", output: "$.a")
        let settings = config.requestSettings ?? ""
        #expect(settings.contains("X-Team") && !settings.contains("qa-value"))
        #expect(!settings.contains("APP_TOKEN"))
        var changed = config
        changed.body = "{\"v\": 2}"
        func key(_ c: ProviderConfig) -> String {
            ModelRequest(
                providerName: "app", providerType: "http", baseURL: c.endpoint, model: "m",
                messages: [], params: ModelParams(), settings: c.requestSettings
            ).key
        }
        #expect(key(config) != key(changed), "a new body template makes new request keys")
        #expect(config.endpoint == "https://x.test/a")
    }
}
