/// A decoded value with the position of its node, for messages that point back at the
/// YAML source. Equality and hashing include the mark.
public struct Located<Value> {
    public var value: Value
    /// Where the value was written; line 0 when it was not decoded from YAML.
    public var mark: YAMLMark

    public init(_ value: Value, mark: YAMLMark = YAMLMark(file: "", line: 0, column: 0)) {
        self.value = value
        self.mark = mark
    }
}

extension Located: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        if let yaml = decoder as? any YAMLNodeDecoder {
            mark = yaml.node.mark
        } else {
            mark = YAMLMark(file: "", line: 0, column: 0)
        }
        // Through the container so YAML's checks (like string-enum suggestions) apply.
        value = try decoder.singleValueContainer().decode(Value.self)
    }
}

extension Located: Encodable where Value: Encodable {
    /// Encodes just the value.
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
