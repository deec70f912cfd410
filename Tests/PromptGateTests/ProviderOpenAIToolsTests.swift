import Foundation
import Providers
import TestKit
import Testing

/// Chat completions with tools, history with calls and results, and structured output,
/// against a local server: the exact body sent and the calls read back.
@Suite struct ProviderOpenAIToolsTests {
    func provider(_ server: ProviderStubServer) throws -> OpenAIProvider {
        try OpenAIProvider(
            name: "oa", config: ProviderConfig(type: "openai", baseURL: server.baseURL, timeout: 5),
            environment: [:], client: ProviderFixture.client)
    }

    static func reply(toolCalls: String, content: String = "null") -> String {
        """
        {"id": "c", "choices": [{"index": 0, "finish_reason": "tool_calls",
          "message": {"role": "assistant", "content": \(content), "tool_calls": \(toolCalls)}}],
         "usage": {"prompt_tokens": 9, "completion_tokens": 4}}
        """
    }

    @Test func sendsToolsChoiceHistoryAndSchemaAndReadsCallsKeepingRawArguments() async throws {
        let calls = """
            [{"id": "call_a", "type": "function",
              "function": {"name": "lookup_order", "arguments": "{\\"order_id\\": \\"A1\\"}"}},
             {"id": "call_b", "type": "function",
              "function": {"name": "get_time", "arguments": "{not json"}}]
            """
        let server = try ProviderStubServer(.json(Self.reply(toolCalls: calls)))
        defer { server.stop() }
        let request = ProviderToolFixture.request(
            type: "openai", baseURL: server.baseURL, schema: ProviderToolFixture.schema,
            params: ModelParams(
                temperature: 0, responseFormat: .object(["type": .string("json_object")])))
        let response = try await provider(server).complete(request)
        #expect(response.text == "", "content null with tool calls is empty text")
        #expect(
            response.toolCalls == [
                ToolCall(id: "call_a", name: "lookup_order", arguments: #"{"order_id": "A1"}"#),
                ToolCall(id: "call_b", name: "get_time", arguments: "{not json"),
            ])
        #expect(response.toolCalls[1].parsedArguments == nil)
        #expect(response.finishReason == "tool_calls")

        let expected =
            #"{"messages":[{"content":"Be brief.","role":"system"},"#
            + #"{"content":"Where is A1?","role":"user"},"#
            + #"{"content":"","role":"assistant","tool_calls":["#
            + #"{"function":{"arguments":"{\"order_id\":\"A1\"}","name":"lookup_order"},"id":"call_1","type":"function"},"#
            + #"{"function":{"arguments":"{}","name":"get_time"},"id":"call_2","type":"function"}]},"#
            + #"{"content":"{\"status\":\"shipped\"}","role":"tool","tool_call_id":"call_1"},"#
            + #"{"content":"12:00","role":"tool","tool_call_id":"call_2"},"#
            + #"{"content":"It has shipped.","role":"assistant"},"#
            + #"{"content":"Thanks","role":"user"}],"#
            + #""model":"m-1","#
            + #""response_format":{"json_schema":{"name":"response","schema":"#
            + #"{"properties":{"answer":{"type":"string"}},"required":["answer"],"type":"object"}},"#
            + #""type":"json_schema"},"#
            + #""temperature":0,"#
            + #""tool_choice":{"function":{"name":"lookup_order"},"type":"function"},"#
            + #""tools":[{"function":{"description":"Look up an order","name":"lookup_order","#
            + #""parameters":{"properties":{"order_id":{"type":"string"}},"required":["order_id"],"type":"object"}},"#
            + #""type":"function"},"#
            + #"{"function":{"name":"get_time","parameters":{"type":"object"}},"type":"function"}]}"#
        #expect(ProviderToolFixture.body(server.requests.first) == expected)
    }

    @Test func toolChoiceWordsAndNoToolsMeansNoChoice() async throws {
        let server = try ProviderStubServer(.json(Self.reply(toolCalls: "[]", content: #""ok""#)))
        defer { server.stop() }
        let p = try provider(server)
        for choice in [ToolChoice.auto, .none, .required] {
            _ = try await p.complete(
                ProviderToolFixture.request(type: "openai", baseURL: server.baseURL, choice: choice)
            )
        }
        var plain = ProviderToolFixture.request(type: "openai", baseURL: server.baseURL)
        plain.tools = []
        let response = try await p.complete(plain)
        #expect(response.text == "ok" && response.toolCalls.isEmpty)
        let bodies = server.requests.map { $0.json ?? [:] }
        #expect(bodies.map { $0["tool_choice"] as? String } == ["auto", "none", "required", nil])
        #expect(bodies[3]["tools"] == nil && bodies[3]["tool_choice"] == nil)
        #expect(bodies[3]["response_format"] == nil)
    }

    @Test func idlessCallsGetIDsAndObjectArgumentsBecomeCompactJSON() async throws {
        let calls =
            #"[{"function": {"name": "a", "arguments": {"z": 1, "b": [true, null]}}},"#
            + #" {"function": {"name": "b"}}]"#
        let server = try ProviderStubServer(.json(Self.reply(toolCalls: calls, content: #""""#)))
        defer { server.stop() }
        let response = try await provider(server).complete(
            ProviderToolFixture.request(type: "openai", baseURL: server.baseURL))
        #expect(
            response.toolCalls == [
                ToolCall(id: "call_1", name: "a", arguments: #"{"b":[true,null],"z":1}"#),
                ToolCall(id: "call_2", name: "b", arguments: "{}"),
            ])
    }

    @Test func malformedToolCallsAndErrorObjectsAreErrors() async throws {
        let cases: [(String, ProviderError?)] = [
            (Self.reply(toolCalls: #"{"a": 1}"#), nil),
            (Self.reply(toolCalls: "[5]"), nil),
            (Self.reply(toolCalls: #"[{"id": "x"}]"#), nil),
            (Self.reply(toolCalls: #"[{"function": {"arguments": "{}"}}]"#), nil),
            (Self.reply(toolCalls: #"[{"id": 3, "function": {"name": "a"}}]"#), nil),
            (
                #"{"error": {"message": "tools are not supported", "type": "invalid_request_error"}}"#,
                .apiError(status: 400, message: "tools are not supported")
            ),
        ]
        let reasons = [
            "'tool_calls' is not an array", "'tool_calls' item 1 is not an object",
            "'tool_calls' item 1 has no 'function' object",
            "'tool_calls' item 1 has no 'function.name' string",
            "'tool_calls' item 1: 'id' is not a string",
        ]
        for (index, (body, expected)) in cases.enumerated() {
            let status = expected == nil ? 200 : 400
            let server = try ProviderStubServer(.json(body, status: status))
            defer { server.stop() }
            let p = try provider(server)
            let request = ProviderToolFixture.request(type: "openai", baseURL: server.baseURL)
            let error = await ProviderFixture.providerError { _ = try await p.complete(request) }
            if let expected {
                #expect(error == expected)
            } else {
                #expect(
                    error
                        == .malformed(
                            status: 200, reason: reasons[index], excerpt: excerpt(Array(body.utf8))),
                    "\(body)")
            }
        }
    }

    /// The fake model's scripted calls read through the real provider: a call first, text
    /// once the tool result is the last turn.
    @Test func fakeModelScriptedCallsRoundTrip() async throws {
        let script = """
            {"rules": [
              {"match_tool": "shipped", "reply": "Your order has shipped."},
              {"match": "Where", "tool_calls": [
                {"name": "lookup_order", "arguments": {"order_id": "A1"}},
                {"name": "get_time", "arguments": "{bad", "id": "t-9"}]}
            ]}
            """
        let server = try await FakeModelServer.start(script: script)
        let p = try OpenAIProvider(
            name: "fake",
            config: ProviderConfig(type: "openai", baseURL: server.baseURL + "/v1", timeout: 5),
            environment: [:], client: ProviderFixture.client)
        var request = ProviderToolFixture.request(type: "openai", baseURL: server.baseURL + "/v1")
        request.messages = [ChatMessage(role: "user", content: "Where is A1?")]
        let first = try await p.complete(request)
        #expect(first.text == "" && first.finishReason == "tool_calls")
        #expect(
            first.toolCalls == [
                ToolCall(id: "call_1", name: "lookup_order", arguments: #"{"order_id":"A1"}"#),
                ToolCall(id: "t-9", name: "get_time", arguments: "{bad"),
            ])
        request.messages += [
            ChatMessage(role: "assistant", content: "", toolCalls: first.toolCalls),
            ChatMessage(role: "tool", content: "12:00", toolCallID: "t-9", toolName: "get_time"),
            ChatMessage(role: "tool", content: #"{"status":"shipped"}"#, toolCallID: "call_1"),
        ]
        let second = try await p.complete(request)
        #expect(second.text == "Your order has shipped." && second.toolCalls.isEmpty)
        #expect(second.finishReason == "stop")
    }
}
