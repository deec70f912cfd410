import Conversation

/// What a provider returns for one request.
public struct ModelResponse: Sendable, Hashable, Codable {
    public var text: String
    /// The tool calls of the reply, in the provider's order (ids filled in when it gave none).
    public var toolCalls: [ToolCall]
    public var finishReason: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Milliseconds from sending to the full reply.
    public var latencyMs: Double
    /// Retries it took (429, 5xx, timeouts); not part of recordings or the cache.
    public var retries: Int

    public init(
        text: String, finishReason: String?, promptTokens: Int?, completionTokens: Int?,
        latencyMs: Double, retries: Int = 0, toolCalls: [ToolCall] = []
    ) {
        self.text = text
        self.toolCalls = toolCalls
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latencyMs = latencyMs
        self.retries = retries
    }
}
