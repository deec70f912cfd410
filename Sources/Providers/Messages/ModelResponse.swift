/// What a provider returns for one request.
public struct ModelResponse: Sendable, Hashable, Codable {
    public var text: String
    public var finishReason: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Milliseconds from sending to the full reply.
    public var latencyMs: Double
    /// Retries it took (429, 5xx, timeouts); not part of recordings or the cache.
    public var retries: Int

    public init(
        text: String, finishReason: String?, promptTokens: Int?, completionTokens: Int?,
        latencyMs: Double, retries: Int = 0
    ) {
        self.text = text
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latencyMs = latencyMs
        self.retries = retries
    }
}
