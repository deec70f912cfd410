import Basics
import JSON

/// One message as sent to the model, after rendering: a `system`, `user`, `assistant` or
/// `tool` turn. An assistant turn may carry the tool calls it made; a tool turn answers one
/// of them (``toolCallID``).
public struct ChatMessage: Sendable, Hashable, Codable {
    public var role: String
    public var content: String
    /// The calls an assistant turn made (empty for every other turn).
    public var toolCalls: [ToolCall]
    /// The call a `tool` turn answers.
    public var toolCallID: String?
    /// The tool a `tool` turn is the result of (Ollama and Gemini want the name, not an id).
    public var toolName: String?

    public init(
        role: String, content: String, toolCalls: [ToolCall] = [], toolCallID: String? = nil,
        toolName: String? = nil
    ) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.toolName = toolName
    }

    enum CodingKeys: String, CodingKey {
        case role, content
        case toolCalls = "tool_calls"
        case toolCallID = "tool_call_id"
        case toolName = "tool_name"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        role = try c.decode(String.self, forKey: .role)
        content = try c.decodeIfPresent(String.self, forKey: .content) ?? ""
        toolCalls = try c.decodeIfPresent([ToolCall].self, forKey: .toolCalls) ?? []
        toolCallID = try c.decodeIfPresent(String.self, forKey: .toolCallID)
        toolName = try c.decodeIfPresent(String.self, forKey: .toolName)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(role, forKey: .role)
        try c.encode(content, forKey: .content)
        if !toolCalls.isEmpty { try c.encode(toolCalls, forKey: .toolCalls) }
        try c.encodeIfPresent(toolCallID, forKey: .toolCallID)
        try c.encodeIfPresent(toolName, forKey: .toolName)
    }

    /// Compact JSON with sorted keys; the tool fields only when set, so a plain message reads
    /// (and hashes) as it did before tools existed.
    public var jsonText: String {
        var fields = [("content", JSONText.string(content)), ("role", JSONText.string(role))]
        if let toolCallID { fields.append(("tool_call_id", JSONText.string(toolCallID))) }
        if !toolCalls.isEmpty {
            fields.append(
                ("tool_calls", "[" + toolCalls.map(\.jsonText).joined(separator: ",") + "]"))
        }
        if let toolName { fields.append(("tool_name", JSONText.string(toolName))) }
        return JSONText.object(fields)
    }

    /// The message from its ``jsonText`` form (or any object with `role` and `content`).
    public init?(json: JSONValue) {
        guard case .object(let o) = json, case .string(let role)? = o["role"] else { return nil }
        self.role = role
        if case .string(let content)? = o["content"] {
            self.content = content
        } else {
            content = ""
        }
        if case .array(let calls)? = o["tool_calls"] {
            toolCalls = calls.compactMap(ToolCall.init(json:))
        } else {
            toolCalls = []
        }
        if case .string(let id)? = o["tool_call_id"] { toolCallID = id } else { toolCallID = nil }
        if case .string(let name)? = o["tool_name"] { toolName = name } else { toolName = nil }
    }
}
