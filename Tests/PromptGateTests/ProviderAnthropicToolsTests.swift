import Foundation
import Providers
import TestKit
import Testing

/// The Messages API with tools against a local server speaking it: `tool_use` and
/// `tool_result` blocks out, calls back, the response schema as a forced `respond` tool, and
/// the error shape of a rejected tool definition.
@Suite struct ProviderAnthropicToolsTests {
    func provider(_ server: ProviderStubServer) throws -> AnthropicProvider {
        try AnthropicProvider(
            name: "claude",
            config: ProviderConfig(
                type: "anthropic", baseURL: server.baseURL, apiKeyEnv: "K", timeout: 5),
            environment: ["K": "ak-SECRET"], client: ProviderFixture.client)
    }

    static func reply(_ content: String, stop: String = "tool_use") -> String {
        """
        {"id": "msg_1", "type": "message", "role": "assistant", "content": \(content),
         "stop_reason": "\(stop)", "usage": {"input_tokens": 9, "output_tokens": 4}}
        """
    }

    @Test func sendsToolBlocksAndReadsToolUse() async throws {
        let content = """
            [{"type": "text", "text": "Let me look."},
             {"type": "tool_use", "id": "toolu_1", "name": "lookup_order", "input": {"order_id": "A1"}},
             {"type": "tool_use", "id": "toolu_2", "name": "get_time", "input": {}}]
            """
        let server = try ProviderStubServer(.json(Self.reply(content)))
        defer { server.stop() }
        let response = try await provider(server).complete(
            ProviderToolFixture.request(type: "anthropic", baseURL: server.baseURL))
        #expect(response.text == "Let me look.")
        #expect(
            response.toolCalls == [
                ToolCall(id: "toolu_1", name: "lookup_order", arguments: #"{"order_id":"A1"}"#),
                ToolCall(id: "toolu_2", name: "get_time", arguments: "{}"),
            ])
        #expect(response.finishReason == "tool_use")
        let expected =
            #"{"max_tokens":1024,"messages":["#
            + #"{"content":"Where is A1?","role":"user"},"#
            + #"{"content":[{"id":"call_1","input":{"order_id":"A1"},"name":"lookup_order","type":"tool_use"},"#
            + #"{"id":"call_2","input":{},"name":"get_time","type":"tool_use"}],"role":"assistant"},"#
            + #"{"content":[{"content":"{\"status\":\"shipped\"}","tool_use_id":"call_1","type":"tool_result"},"#
            + #"{"content":"12:00","tool_use_id":"call_2","type":"tool_result"}],"role":"user"},"#
            + #"{"content":"It has shipped.","role":"assistant"},"#
            + #"{"content":"Thanks","role":"user"}],"#
            + #""model":"m-1","system":"Be brief.","#
            + #""tool_choice":{"name":"lookup_order","type":"tool"},"#
            + #""tools":[{"description":"Look up an order","input_schema":"#
            + #"{"properties":{"order_id":{"type":"string"}},"required":["order_id"],"type":"object"},"#
            + #""name":"lookup_order"},{"input_schema":{"type":"object"},"name":"get_time"}]}"#
        #expect(ProviderToolFixture.body(server.requests.first) == expected)
    }

    @Test func toolChoicesMapToTheMessagesAPIWords() async throws {
        let server = try ProviderStubServer(.json(Self.reply(#"[{"type":"text","text":"ok"}]"#)))
        defer { server.stop() }
        let p = try provider(server)
        for choice in [ToolChoice.auto, .none, .required] {
            _ = try await p.complete(
                ProviderToolFixture.request(
                    type: "anthropic", baseURL: server.baseURL, choice: choice))
        }
        var plain = ProviderToolFixture.request(type: "anthropic", baseURL: server.baseURL)
        plain.tools = []
        plain.toolChoice = nil
        _ = try await p.complete(plain)
        let bodies = server.requests.map { $0.json ?? [:] }
        let choices = bodies.map { ($0["tool_choice"] as? [String: Any])?["type"] as? String }
        #expect(choices == ["auto", "none", "any", nil])
        #expect(bodies[3]["tools"] == nil)
    }

    @Test func aResponseSchemaIsAForcedRespondToolWhoseInputIsTheAnswer() async throws {
        let content =
            #"[{"type": "tool_use", "id": "t1", "name": "respond", "input": {"answer": "shipped"}}]"#
        let server = try ProviderStubServer(.json(Self.reply(content)))
        defer { server.stop() }
        var request = ProviderToolFixture.request(
            type: "anthropic", baseURL: server.baseURL, choice: nil,
            schema: ProviderToolFixture.schema)
        request.tools = []
        let response = try await provider(server).complete(request)
        #expect(response.text == #"{"answer":"shipped"}"#)
        #expect(response.toolCalls.isEmpty, "respond is the answer, not a call")
        let body = server.requests.first?.json ?? [:]
        #expect(
            (body["tool_choice"] as? [String: String]) == ["type": "tool", "name": "respond"])
        let tools = body["tools"] as? [[String: Any]] ?? []
        #expect(tools.map { $0["name"] as? String } == ["respond"])

        // Beside declared tools, the model must call one: a real tool or `respond`.
        let second = try ProviderStubServer(.json(Self.reply(content)))
        defer { second.stop() }
        _ = try await provider(second).complete(
            ProviderToolFixture.request(
                type: "anthropic", baseURL: second.baseURL, choice: .auto,
                schema: ProviderToolFixture.schema))
        let withTools = second.requests.first?.json ?? [:]
        #expect((withTools["tool_choice"] as? [String: String]) == ["type": "any"])
        #expect(
            (withTools["tools"] as? [[String: Any]])?.map { $0["name"] as? String }
                == ["lookup_order", "get_time", "respond"])
    }

    @Test func malformedToolUseAndTheErrorShapeAreErrors() async throws {
        let bad = [
            (
                #"[{"type": "tool_use", "id": "t", "input": {}}]"#,
                "tool_use block item 1 has no 'name' string"
            ),
            (
                #"[{"type": "tool_use", "id": 4, "name": "a"}]"#,
                "tool_use block item 1: 'id' is not a string"
            ),
            (#"["text"]"#, "content block 1 is not an object"),
        ]
        for (content, reason) in bad {
            let body = Self.reply(content)
            let server = try ProviderStubServer(.json(body))
            defer { server.stop() }
            let p = try provider(server)
            let request = ProviderToolFixture.request(type: "anthropic", baseURL: server.baseURL)
            let error = await ProviderFixture.providerError { _ = try await p.complete(request) }
            #expect(
                error == .malformed(status: 200, reason: reason, excerpt: excerpt(Array(body.utf8)))
            )
        }
        let rejected =
            #"{"type": "error", "error": {"type": "invalid_request_error", "#
            + #""message": "tools.0.input_schema: JSON schema is invalid"}}"#
        let server = try ProviderStubServer(.json(rejected, status: 400))
        defer { server.stop() }
        let p = try provider(server)
        let request = ProviderToolFixture.request(type: "anthropic", baseURL: server.baseURL)
        let error = await ProviderFixture.providerError { _ = try await p.complete(request) }
        #expect(
            error
                == .apiError(
                    status: 400,
                    message: "invalid_request_error: tools.0.input_schema: JSON schema is invalid"))
    }
}
