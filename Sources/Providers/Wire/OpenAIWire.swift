import Conversation
import Foundation
import JSON

/// The chat-completions encoding of conversations, tools and structured output (shared by
/// every OpenAI-compatible server).
enum OpenAIWire {
    /// One message: `tool_calls` on assistant turns that made calls, `tool_call_id` on tool
    /// turns. `content` is always a string, `""` when empty: llama.cpp's server rejects null.
    static func message(_ message: ChatMessage) -> [String: Any] {
        var out: [String: Any] = ["role": message.role, "content": message.content]
        if !message.toolCalls.isEmpty {
            out["tool_calls"] = message.toolCalls.map { call -> [String: Any] in
                [
                    "id": call.id, "type": "function",
                    "function": ["name": call.name, "arguments": call.arguments],
                ]
            }
        }
        if message.role == "tool", let id = message.toolCallID { out["tool_call_id"] = id }
        return out
    }

    /// `[{type: function, function: {name, description, parameters}}]`.
    static func tools(_ tools: [ToolSpec]) -> [[String: Any]] {
        tools.map { tool in
            var function: [String: Any] = [
                "name": tool.name, "parameters": tool.parameters.foundationObject,
            ]
            if let description = tool.description { function["description"] = description }
            return ["type": "function", "function": function]
        }
    }

    /// `"auto"`, `"none"`, `"required"` or `{type: function, function: {name}}`.
    static func toolChoice(_ choice: ToolChoice) -> Any {
        switch choice {
        case .auto: "auto"
        case .none: "none"
        case .required: "required"
        case .tool(let name): ["type": "function", "function": ["name": name]] as [String: Any]
        }
    }

    /// `response_format: {type: json_schema, json_schema: {name: response, schema}}`.
    static func responseFormat(_ schema: JSONValue) -> [String: Any] {
        [
            "type": "json_schema",
            "json_schema": ["name": "response", "schema": schema.foundationObject] as [String: Any],
        ]
    }

    /// `message.tool_calls` of a reply: `[{id, type, function: {name, arguments}}]`.
    static func toolCalls(_ value: Any?) throws(WireError) -> [ToolCall] {
        try WireJSON.toolCalls(value, what: "'tool_calls'", inner: "function")
    }
}
