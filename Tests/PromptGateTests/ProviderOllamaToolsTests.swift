import Foundation
import Providers
import TestKit
import Testing

/// Ollama's `/api/chat` with tools against a local server speaking it: object arguments and
/// `tool_name` out, id-less calls back, the schema as `format`, no `tool_choice`, and the
/// error shape of a model without tool support.
@Suite struct ProviderOllamaToolsTests {
    func provider(_ server: ProviderStubServer) throws -> OllamaProvider {
        try OllamaProvider(
            name: "local",
            config: ProviderConfig(type: "ollama", baseURL: server.baseURL, timeout: 5),
            environment: [:], client: ProviderFixture.client)
    }

    static func reply(toolCalls: String) -> String {
        """
        {"model": "m-1", "message": {"role": "assistant", "content": "", "tool_calls": \(toolCalls)},
         "done": true, "done_reason": "stop", "prompt_eval_count": 9, "eval_count": 4}
        """
    }

    @Test func sendsToolsHistoryAndFormatAndReadsCalls() async throws {
        let calls = #"[{"function": {"name": "lookup_order", "arguments": {"order_id": "A1"}}}]"#
        let server = try ProviderStubServer(.json(Self.reply(toolCalls: calls)))
        defer { server.stop() }
        let response = try await provider(server).complete(
            ProviderToolFixture.request(
                type: "ollama", baseURL: server.baseURL, choice: .auto,
                schema: ProviderToolFixture.schema))
        #expect(
            response.toolCalls == [
                ToolCall(id: "call_1", name: "lookup_order", arguments: #"{"order_id":"A1"}"#)
            ])
        let expected =
            #"{"format":{"properties":{"answer":{"type":"string"}},"required":["answer"],"type":"object"},"#
            + #""messages":[{"content":"Be brief.","role":"system"},"#
            + #"{"content":"Where is A1?","role":"user"},"#
            + #"{"content":"","role":"assistant","tool_calls":["#
            + #"{"function":{"arguments":{"order_id":"A1"},"name":"lookup_order"}},"#
            + #"{"function":{"arguments":{},"name":"get_time"}}]},"#
            + #"{"content":"{\"status\":\"shipped\"}","role":"tool","tool_name":"lookup_order"},"#
            + #"{"content":"12:00","role":"tool","tool_name":"get_time"},"#
            + #"{"content":"It has shipped.","role":"assistant"},"#
            + #"{"content":"Thanks","role":"user"}],"#
            + #""model":"m-1","stream":false,"#
            + #""tools":[{"function":{"description":"Look up an order","name":"lookup_order","#
            + #""parameters":{"properties":{"order_id":{"type":"string"}},"required":["order_id"],"type":"object"}},"#
            + #""type":"function"},"#
            + #"{"function":{"name":"get_time","parameters":{"type":"object"}},"type":"function"}]}"#
        #expect(ProviderToolFixture.body(server.requests.first) == expected)
    }

    @Test func choicesNarrowTheToolsSentSinceOllamaHasNoToolChoice() async throws {
        let server = try ProviderStubServer(.json(Self.reply(toolCalls: "[]")))
        defer { server.stop() }
        let p = try provider(server)
        for choice in [ToolChoice.none, .tool("get_time"), .required] {
            _ = try await p.complete(
                ProviderToolFixture.request(type: "ollama", baseURL: server.baseURL, choice: choice)
            )
        }
        let names = server.requests.map { request in
            ((request.json?["tools"] as? [[String: Any]]) ?? []).map {
                ($0["function"] as? [String: Any])?["name"] as? String ?? "?"
            }
        }
        #expect(names == [[], ["get_time"], ["lookup_order", "get_time"]])
        #expect(server.requests.allSatisfy { $0.json?["tool_choice"] == nil })
    }

    @Test func malformedCallsAndTheErrorShapeAreErrors() async throws {
        let bad = [
            (#"[{"name": "a"}]"#, "'tool_calls' item 1 has no 'function' object"),
            (#"{"function": {}}"#, "'tool_calls' is not an array"),
        ]
        for (calls, reason) in bad {
            let body = Self.reply(toolCalls: calls)
            let server = try ProviderStubServer(.json(body))
            defer { server.stop() }
            let p = try provider(server)
            let request = ProviderToolFixture.request(type: "ollama", baseURL: server.baseURL)
            let error = await ProviderFixture.providerError { _ = try await p.complete(request) }
            #expect(
                error == .malformed(status: 200, reason: reason, excerpt: excerpt(Array(body.utf8)))
            )
        }
        let server = try ProviderStubServer(
            .json(
                #"{"error": "registry.ollama.ai/library/tiny does not support tools"}"#, status: 400
            ))
        defer { server.stop() }
        let p = try provider(server)
        let request = ProviderToolFixture.request(type: "ollama", baseURL: server.baseURL)
        let error = await ProviderFixture.providerError { _ = try await p.complete(request) }
        #expect(
            error
                == .apiError(
                    status: 400, message: "registry.ollama.ai/library/tiny does not support tools"))
    }
}
