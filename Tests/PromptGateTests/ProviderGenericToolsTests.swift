import Foundation
import Providers
import TestKit
import Testing

/// Tools for the `http` and `exec` providers: the provider-neutral fields in the body
/// template and on stdin, and calls read back (`tool_calls:` path; `tool_calls` in an exec
/// command's JSON output), with text optional when the reply only calls tools.
@Suite struct ProviderGenericToolsTests {
    static let body = """
        {"messages": {{ messages | json }}, "tools": {{ tools | json }},
         "choice": {{ tool_choice | json }}, "schema": {{ response_schema | json }}}
        """

    func http(_ server: ProviderStubServer, toolCalls: String? = "$.calls") throws
        -> HTTPProvider
    {
        var config = ProviderConfig(
            type: "http", timeout: 5, url: server.baseURL + "/chat", body: Self.body,
            output: "$.reply")
        config.toolCalls = toolCalls
        return try HTTPProvider(
            name: "app", config: config, environment: [:], client: ProviderFixture.client)
    }

    @Test func httpBodySeesToolsAndReadsCallsAtItsPath() async throws {
        let reply =
            #"{"reply": null, "calls": [{"name": "lookup_order", "arguments": {"order_id": "A1"}}]}"#
        let server = try ProviderStubServer(.json(reply))
        defer { server.stop() }
        let response = try await http(server).complete(
            ProviderToolFixture.request(
                type: "http", baseURL: server.baseURL, schema: ProviderToolFixture.schema))
        #expect(response.text == "")
        #expect(
            response.toolCalls == [
                ToolCall(id: "call_1", name: "lookup_order", arguments: #"{"order_id":"A1"}"#)
            ])
        let sent = try #require(server.requests.first?.json)
        #expect(sent["choice"] as? String == "lookup_order")
        let tools = sent["tools"] as? [[String: Any]] ?? []
        #expect(tools.map { $0["name"] as? String } == ["lookup_order", "get_time"])
        #expect(tools.first?["description"] as? String == "Look up an order")
        #expect((sent["schema"] as? [String: Any])?["required"] as? [String] == ["answer"])
        let messages = sent["messages"] as? [[String: Any]] ?? []
        let call = (messages[2]["tool_calls"] as? [[String: Any]])?.first
        #expect(call?["id"] as? String == "call_1")
        #expect((call?["arguments"] as? [String: Any])?["order_id"] as? String == "A1")
        #expect(messages[3]["tool_call_id"] as? String == "call_1")
        #expect(messages[3]["name"] as? String == "lookup_order")
    }

    @Test func httpWithoutToolsRendersEmptyFieldsAndBadCallsAreErrors() async throws {
        let server = try ProviderStubServer(
            .json(#"{"reply": "hi", "calls": [{"arguments": {}}]}"#))
        defer { server.stop() }
        var plain = ProviderToolFixture.request(type: "http", baseURL: server.baseURL, choice: nil)
        plain.tools = []
        let p = try http(server)
        let error = await ProviderFixture.providerError { _ = try await p.complete(plain) }
        guard case .malformed(_, let reason, _) = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(reason == "$.calls item 1 has no 'name' string")
        let sent = try #require(server.requests.first?.json)
        #expect((sent["tools"] as? [Any])?.isEmpty == true && sent["choice"] as? String == "")
        #expect(sent["schema"] is NSNull)
        #expect(throws: ProviderError.self) { try self.http(server, toolCalls: "calls") }
    }

    @Test func execGetsToolFieldsOnStdinAndReturnsCalls() async throws {
        let scripts = try ProviderExecTests.Scripts([
            "agent.sh":
                #"cat > "$(dirname "$0")/stdin.json"; printf '{"output": null, "tool_calls": [{"id": "c9", "name": "get_time", "arguments": {}}]}'"#
        ])
        let response = try await scripts.provider("bin/agent.sh", output: "json").complete(
            ProviderToolFixture.request(type: "exec", baseURL: "bin/agent.sh", choice: .required))
        #expect(response.text == "")
        #expect(response.toolCalls == [ToolCall(id: "c9", name: "get_time", arguments: "{}")])
        let stdin = try Data(contentsOf: URL(fileURLWithPath: scripts.root + "/bin/stdin.json"))
        let input = try #require(try JSONSerialization.jsonObject(with: stdin) as? [String: Any])
        #expect(input["tool_choice"] as? String == "required")
        #expect((input["tools"] as? [[String: Any]])?.count == 2)
        #expect(input["response_schema"] == nil)
        let messages = input["messages"] as? [[String: Any]] ?? []
        #expect(messages[4]["tool_call_id"] as? String == "call_2")
    }
}
