import Foundation
import JSON
import Providers
import TestKit

/// A conversation with tools every provider's wire-format test sends: a declared tool, a
/// history with an assistant call and its result, and a final user turn.
enum ProviderToolFixture {
    static let lookup = ToolSpec(
        name: "lookup_order", description: "Look up an order",
        parameters: [
            "type": "object", "properties": ["order_id": ["type": "string"]],
            "required": ["order_id"],
        ])
    /// No description: the field is left out, not sent as null.
    static let clock = ToolSpec(name: "get_time")

    static let messages = [
        ChatMessage(role: "system", content: "Be brief."),
        ChatMessage(role: "user", content: "Where is A1?"),
        ChatMessage(
            role: "assistant", content: "",
            toolCalls: [
                ToolCall(id: "call_1", name: "lookup_order", arguments: #"{"order_id":"A1"}"#),
                ToolCall(id: "call_2", name: "get_time", arguments: "{}"),
            ]),
        ChatMessage(
            role: "tool", content: #"{"status":"shipped"}"#, toolCallID: "call_1",
            toolName: "lookup_order"),
        ChatMessage(role: "tool", content: "12:00", toolCallID: "call_2", toolName: "get_time"),
        ChatMessage(role: "assistant", content: "It has shipped."),
        ChatMessage(role: "user", content: "Thanks"),
    ]

    static let schema: JSONValue = [
        "type": "object", "properties": ["answer": ["type": "string"]], "required": ["answer"],
    ]

    static func request(
        type: String, baseURL: String, choice: ToolChoice? = .tool("lookup_order"),
        schema: JSONValue? = nil, params: ModelParams = ModelParams()
    ) -> ModelRequest {
        ModelRequest(
            providerName: "p", providerType: type, baseURL: baseURL, model: "m-1",
            messages: messages, params: params, tools: [lookup, clock], toolChoice: choice,
            responseSchema: schema)
    }

    /// The body a server received, as text (the providers write sorted keys).
    static func body(_ request: ProviderStubServer.Request?) -> String {
        String(decoding: request?.body ?? [], as: UTF8.self)
    }
}
