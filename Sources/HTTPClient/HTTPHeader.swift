/// One HTTP header field. Names compare case-sensitively here; use
/// `HTTPResponse.header(_:)` for a case-insensitive lookup.
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, e.g. `Content-Type`.
    public var name: String
    /// The field value with surrounding whitespace removed.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
