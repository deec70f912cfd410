import Foundation
import TestKit
import Testing

/// A two-step agent loop through the binary against local servers speaking Anthropic's
/// Messages API and Ollama's `/api/chat`: the call comes back as a tool call, the stub's
/// result goes out in that format's shape, the answer passes the tool assertions, and the
/// format's error shape becomes the case's error. The key never reaches the store.
@Suite struct ToolWireFormatTests {
    static let prompt = """
        id: bot
        version: "1.0"
        tools:
          - name: lookup_order
            parameters: { type: object, properties: { order_id: { type: string } }, required: [order_id] }
        messages:
          - { role: system, content: "You are a test bot." }
          - { role: user, content: "{{ q }}" }

        """

    static let suite = """
        suite: s
        prompt: bot
        cases:
          - id: loop
            vars: { q: "Where is A-1?" }
            tool_results: { lookup_order: { result: { status: shipped } } }
            assert:
              - { type: tool-args, tool: lookup_order, value: { order_id: A-1 } }
              - { type: valid-tool-call }
              - { type: contains, value: shipped }

        """

    static func project(type: String, server: ProviderStubServer) throws -> TempProject {
        try TempProject(files: [
            "promptgate.yaml": """
            providers:
              p:
                type: \(type)
                base_url: \(server.baseURL)
                api_key_env: WIRE_KEY
                model: m-1
                timeout: 5
            defaults: { provider: p }

            """,
            "prompts/bot/v1.0.yaml": Self.prompt, "suites/s.yaml": Self.suite,
        ])
    }

    static let env = ["WIRE_KEY": "wk-SECRET-42"]

    func run(_ type: String, _ server: ProviderStubServer) async throws -> (Int32, [String: Any]) {
        let project = try Self.project(type: type, server: server)
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: Self.env)
        let store = try Data(
            contentsOf: URL(fileURLWithPath: project.root + "/.promptgate/promptgate.db"))
        #expect(!String(decoding: store, as: UTF8.self).contains("wk-SECRET-42"))
        let byID = E2EProject.cases(try E2EProject.json(result.stdout))
        return (result.status, byID["loop#0"] ?? [:])
    }

    @Test func anthropicLoop() async throws {
        let server = try ProviderStubServer { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let content =
                body.contains("tool_result")
                ? #"[{"type": "text", "text": "It has shipped."}]"#
                : #"[{"type": "tool_use", "id": "toolu_1", "name": "lookup_order", "input": {"order_id": "A-1"}}]"#
            return .json(
                #"{"type": "message", "role": "assistant", "stop_reason": "end_turn", "content": "#
                    + content + "}")
        }
        defer { server.stop() }
        let (status, loop) = try await run("anthropic", server)
        #expect(status == 0, "\(loop)")
        #expect(loop["passed"] as? Bool == true && loop["output"] as? String == "It has shipped.")
        let second = try #require(server.requests.last?.json)
        let messages = second["messages"] as? [[String: Any]] ?? []
        let result = (messages.last?["content"] as? [[String: Any]])?.first
        #expect(result?["type"] as? String == "tool_result")
        #expect(result?["tool_use_id"] as? String == "toolu_1")
        #expect(result?["content"] as? String == #"{"status":"shipped"}"#)
        #expect(server.requests.first?.headers["x-api-key"] == "wk-SECRET-42")
    }

    @Test func ollamaLoop() async throws {
        let server = try ProviderStubServer { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let message =
                body.contains(#""role":"tool""#)
                ? #"{"role": "assistant", "content": "It has shipped."}"#
                : #"{"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "lookup_order", "arguments": {"order_id": "A-1"}}}]}"#
            return .json(#"{"done": true, "message": "# + message + "}")
        }
        defer { server.stop() }
        let (status, loop) = try await run("ollama", server)
        #expect(status == 0, "\(loop)")
        #expect(loop["passed"] as? Bool == true)
        let second = try #require(server.requests.last?.json)
        let messages = second["messages"] as? [[String: Any]] ?? []
        #expect(messages.last?["role"] as? String == "tool")
        #expect(messages.last?["tool_name"] as? String == "lookup_order")
        let call = (messages[messages.count - 2]["tool_calls"] as? [[String: Any]])?.first
        #expect(
            ((call?["function"] as? [String: Any])?["arguments"] as? [String: Any])?["order_id"]
                as? String == "A-1")
    }

    @Test func eachFormatsErrorShapeIsTheCasesError() async throws {
        let shapes = [
            (
                "anthropic",
                #"{"type": "error", "error": {"type": "invalid_request_error", "message": "tools.0: bad"}}"#,
                "invalid_request_error: tools.0: bad"
            ),
            ("ollama", #"{"error": "m-1 does not support tools"}"#, "m-1 does not support tools"),
        ]
        for (type, body, message) in shapes {
            let server = try ProviderStubServer(.json(body, status: 400))
            defer { server.stop() }
            let (status, loop) = try await run(type, server)
            #expect(status == 3, "\(type)")
            #expect((loop["error"] as? String)?.contains(message) == true, "\(type): \(loop)")
        }
    }
}
