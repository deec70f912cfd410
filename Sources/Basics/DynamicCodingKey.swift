/// Any key of a mapping: for decoders that look for keys a `CodingKeys` enum does not know,
/// and for encoding dictionaries with string keys.
public struct DynamicCodingKey: CodingKey {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
