import Conversation
import Foundation
import JSON

/// The Messages API encoding of conversations, tools and structured output: calls are
/// `tool_use` content blocks, results `tool_result` blocks in a user turn, and a response
/// schema is a forced tool (the API has no schema mode of its own).
enum AnthropicWire {
    /// The tool a response schema is sent as; its `input` is the structured answer.
    static let respondTool = "respond"

    /// The non-system turns. An assistant turn with calls becomes text and `tool_use` blocks;
    /// consecutive tool turns become one user turn of `tool_result` blocks, as the API wants
    /// every result of a turn's calls together.
    static func messages(_ messages: [ChatMessage]) -> [[String: Any]] {
        var out: [[String: Any]] = []
        for message in messages where message.role != "system" {
            switch message.role {
            case "tool":
                let block: [String: Any] = [
                    "type": "tool_result", "tool_use_id": message.toolCallID ?? "",
                    "content": message.content,
                ]
                if var last = out.last, last["role"] as? String == "user",
                    var blocks = last["content"] as? [[String: Any]],
                    blocks.allSatisfy({ $0["type"] as? String == "tool_result" })
                {
                    blocks.append(block)
                    last["content"] = blocks
                    out[out.count - 1] = last
                } else {
                    out.append(["role": "user", "content": [block]])
                }
            case "assistant" where !message.toolCalls.isEmpty:
                var blocks: [[String: Any]] = []
                if !message.content.isEmpty {
                    blocks.append(["type": "text", "text": message.content])
                }
                for call in message.toolCalls {
                    blocks.append([
                        "type": "tool_use", "id": call.id, "name": call.name,
                        "input": WireJSON.argumentsObject(call),
                    ])
                }
                out.append(["role": "assistant", "content": blocks])
            default:
                out.append(["role": message.role, "content": message.content])
            }
        }
        return out
    }

    /// `tools` and `tool_choice` for a request: the declared tools, plus `respond` when a
    /// response schema is asked for. Alone, `respond` is forced; beside other tools the model
    /// must call one of them (`any`), so its final answer arrives through `respond`.
    static func tools(_ request: ModelRequest) -> (tools: [[String: Any]], choice: Any?) {
        var tools: [[String: Any]] = request.tools.map { tool in
            var out: [String: Any] = [
                "name": tool.name, "input_schema": tool.parameters.foundationObject,
            ]
            if let description = tool.description { out["description"] = description }
            return out
        }
        var choice = request.toolChoice.map(Self.toolChoice)
        if let schema = request.responseSchema {
            tools.append([
                "name": respondTool, "description": "Give the final answer in this shape.",
                "input_schema": schema.foundationObject,
            ])
            if case .tool? = request.toolChoice {
                // The named tool stays forced; `respond` is there for the step after.
            } else if request.tools.isEmpty || request.toolChoice == ToolChoice.none {
                choice = ["type": "tool", "name": respondTool]
            } else {
                choice = ["type": "any"]
            }
        }
        return (tools, choice)
    }

    /// `{type: auto}`, `{type: none}`, `{type: any}` (required) or `{type: tool, name}`.
    static func toolChoice(_ choice: ToolChoice) -> Any {
        switch choice {
        case .auto: ["type": "auto"]
        case .none: ["type": "none"]
        case .required: ["type": "any"]
        case .tool(let name): ["type": "tool", "name": name] as [String: Any]
        }
    }

    /// The text and tool calls of a reply's `content` blocks. With a response schema, a
    /// `respond` call is the answer: its input, as compact JSON, is the text.
    static func content(_ blocks: [Any], schema: Bool) throws(WireError) -> (String, [ToolCall]) {
        var text = ""
        var uses: [Any] = []
        for (index, item) in blocks.enumerated() {
            guard let block = item as? [String: Any] else {
                throw WireError("content block \(index + 1) is not an object")
            }
            switch block["type"] as? String {
            case "text":
                guard let piece = block["text"] as? String else {
                    throw WireError("text block without 'text'")
                }
                text += piece
            case "tool_use":
                if schema, block["name"] as? String == respondTool {
                    guard let input = block["input"], let json = WireJSON.text(input) else {
                        throw WireError("'respond' block without a JSON 'input'")
                    }
                    text = json
                } else {
                    uses.append(block)
                }
            default: continue
            }
        }
        let calls = try WireJSON.toolCalls(uses, what: "tool_use block", argumentsKey: "input")
        return (text, calls)
    }
}
