import Conversation
import Foundation
import JSON

/// `/api/chat`'s encoding of conversations and tools: OpenAI's tool shape, but arguments are
/// objects, results name their tool (`tool_name`), and there is no `tool_choice`. Replies
/// carry OpenAI's `tool_calls` shape without ids (read by ``OpenAIWire/toolCalls(_:)``).
enum OllamaWire {
    /// One message; an assistant turn's calls carry their arguments as an object (`{}` when
    /// the model's text was not one).
    static func message(_ message: ChatMessage) -> [String: Any] {
        var out: [String: Any] = ["role": message.role, "content": message.content]
        if !message.toolCalls.isEmpty {
            out["tool_calls"] = message.toolCalls.map { call -> [String: Any] in
                ["function": ["name": call.name, "arguments": WireJSON.argumentsObject(call)]]
            }
        }
        if message.role == "tool", let name = message.toolName { out["tool_name"] = name }
        return out
    }

    /// The tools to send. Ollama cannot force a call: `none` sends no tools, a named choice
    /// sends only that tool, `required` sends them all (the model may still answer in text,
    /// which a `tool-called` assertion then catches).
    static func tools(_ request: ModelRequest) -> [[String: Any]] {
        var tools = request.tools
        switch request.toolChoice {
        case .none?: tools = []
        case .tool(let name)?: tools = tools.filter { $0.name == name }
        default: break
        }
        return OpenAIWire.tools(tools)
    }
}
