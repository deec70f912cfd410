import Conversation
import Foundation
import JSON
import Templates

/// The provider-neutral shape of tools and tool calls that `http` bodies and `exec` commands
/// see: calls as `{id, name, arguments}` (arguments parsed when JSON, else the raw text), tools
/// as `{name, description, parameters}`, `tool_choice` as its text (`auto`, `none`,
/// `required` or the tool's name).
enum GenericWire {
    static func call(_ call: ToolCall) -> JSONValue {
        [
            "id": .string(call.id), "name": .string(call.name),
            "arguments": call.parsedArguments ?? .string(call.arguments),
        ]
    }

    /// `{role, content}` plus `tool_calls`, `tool_call_id` and `name` where the turn has them.
    static func message(_ message: ChatMessage) -> JSONValue {
        var out: [String: JSONValue] = [
            "role": .string(message.role), "content": .string(message.content),
        ]
        if !message.toolCalls.isEmpty { out["tool_calls"] = .array(message.toolCalls.map(call)) }
        if let id = message.toolCallID { out["tool_call_id"] = .string(id) }
        if let name = message.toolName { out["name"] = .string(name) }
        return .object(out)
    }

    static func tool(_ tool: ToolSpec) -> JSONValue {
        var out: [String: JSONValue] = ["name": .string(tool.name), "parameters": tool.parameters]
        if let description = tool.description { out["description"] = .string(description) }
        return .object(out)
    }

    /// The tool fields of a request that has them: `tools`, `tool_choice`, `response_schema`.
    static func fields(_ request: ModelRequest) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        if !request.tools.isEmpty { out["tools"] = .array(request.tools.map(tool)) }
        if let choice = request.toolChoice { out["tool_choice"] = .string(choice.description) }
        if let schema = request.responseSchema { out["response_schema"] = schema }
        return out
    }

    /// A JSON value as a template value (for `http` body templates).
    static func templateValue(_ value: JSONValue) -> TemplateValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer, .number: .number(value.jsonText)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(templateValue))
        case .object(let members): .object(members.mapValues(templateValue))
        }
    }
}
