/// One message as sent to the model, after rendering.
public struct ChatMessage: Sendable, Hashable, Codable {
    public var role: String
    public var content: String
    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}
