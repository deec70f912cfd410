/// Implemented by the decoder so types can learn where they are (used by `Located`).
public protocol YAMLNodeDecoder: Decoder {
    /// The node being decoded.
    var node: YAMLNode { get }
}

/// Decodes one node. A value type: nested decodes copy three references, no allocation.
struct NodeDecoder: YAMLNodeDecoder, SingleValueDecodingContainer {
    let node: YAMLNode
    let codingPath: [any CodingKey]
    let context: DecodingContext

    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(
            try KeyedContainer<Key>(node: node, path: codingPath, context: context))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedContainer(node: node, path: codingPath, context: context)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { context.isNull(node) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try context.decode(type, from: node, path: CodingPath(codingPath))
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        try context.bool(node, path: CodingPath(codingPath))
    }
    func decode(_ type: String.Type) throws -> String {
        try context.string(node, path: CodingPath(codingPath))
    }
    func decode(_ type: Double.Type) throws -> Double {
        try context.double(node, path: CodingPath(codingPath))
    }
    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try int(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try int(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try int(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try int(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try int(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try int(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try int(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try int(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try int(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try int(type) }

    private func int<T: FixedWidthInteger>(_ type: T.Type) throws(YAMLError) -> T {
        try context.integer(type, node, path: CodingPath(codingPath))
    }
}
