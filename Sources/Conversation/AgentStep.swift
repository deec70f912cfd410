import Basics
import JSON

/// One step of a case's trajectory: what the model answered (text and tool calls) and, when
/// the case stubs its tools, the results that were sent back before the next step.
public struct AgentStep: Sendable, Hashable, Codable {
    public var text: String
    public var toolCalls: [ToolCall]
    /// One result per call, in the calls' order; empty for the last step.
    public var toolResults: [ToolResult]
    /// The request key of this step's request (step 1's is the case's `requestKey`).
    public var requestKey: String

    public init(
        text: String, toolCalls: [ToolCall], toolResults: [ToolResult] = [], requestKey: String = ""
    ) {
        self.text = text
        self.toolCalls = toolCalls
        self.toolResults = toolResults
        self.requestKey = requestKey
    }

    enum CodingKeys: String, CodingKey {
        case text
        case toolCalls = "tool_calls"
        case toolResults = "tool_results"
        case requestKey = "request_key"
    }

    /// Compact JSON with sorted keys.
    public var jsonText: String {
        JSONText.object([
            ("request_key", JSONText.string(requestKey)), ("text", JSONText.string(text)),
            ("tool_calls", "[" + toolCalls.map(\.jsonText).joined(separator: ",") + "]"),
            ("tool_results", "[" + toolResults.map(\.jsonText).joined(separator: ",") + "]"),
        ])
    }

    public init?(json: JSONValue) {
        guard case .object(let o) = json else { return nil }
        if case .string(let text)? = o["text"] { self.text = text } else { text = "" }
        if case .string(let key)? = o["request_key"] { requestKey = key } else { requestKey = "" }
        if case .array(let calls)? = o["tool_calls"] {
            toolCalls = calls.compactMap(ToolCall.init(json:))
        } else {
            toolCalls = []
        }
        if case .array(let results)? = o["tool_results"] {
            toolResults = results.compactMap(ToolResult.init(json:))
        } else {
            toolResults = []
        }
    }

    /// `[step, …]` as compact JSON; `"[]"` for none.
    public static func jsonText(_ steps: [AgentStep]) -> String {
        "[" + steps.map(\.jsonText).joined(separator: ",") + "]"
    }

    /// Steps from ``jsonText(_:)``; empty for nil or unreadable text.
    public static func steps(fromJSON text: String?) -> [AgentStep] {
        guard let text, case .array(let items)? = try? JSONParser.parse(text) else { return [] }
        return items.compactMap(AgentStep.init(json:))
    }
}

/// What a stubbed tool answered for one call.
public struct ToolResult: Sendable, Hashable, Codable {
    public var callID: String
    public var name: String
    public var content: String
    /// The stub failed (an `exec` stub exiting non-zero, no stub for the tool); the run marks
    /// the case an error.
    public var error: String?

    public init(callID: String, name: String, content: String, error: String? = nil) {
        self.callID = callID
        self.name = name
        self.content = content
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id"
        case name, content, error
    }

    public var jsonText: String {
        var fields = [
            ("call_id", JSONText.string(callID)), ("content", JSONText.string(content)),
        ]
        if let error { fields.append(("error", JSONText.string(error))) }
        fields.append(("name", JSONText.string(name)))
        return JSONText.object(fields)
    }

    public init?(json: JSONValue) {
        guard case .object(let o) = json, case .string(let name)? = o["name"] else { return nil }
        self.name = name
        if case .string(let id)? = o["call_id"] { callID = id } else { callID = "" }
        if case .string(let content)? = o["content"] {
            self.content = content
        } else {
            content = ""
        }
        if case .string(let error)? = o["error"] { self.error = error } else { error = nil }
    }
}

extension Array where Element == AgentStep {
    /// Every tool call of the trajectory, in order.
    public var allToolCalls: [ToolCall] { flatMap(\.toolCalls) }
}
