/// A sequence decoded element by element.
struct UnkeyedContainer: UnkeyedDecodingContainer {
    let codingPath: [any CodingKey]
    private let node: YAMLNode
    private let items: [YAMLNode]
    private let context: DecodingContext
    private(set) var currentIndex = 0

    init(node: YAMLNode, path: [any CodingKey], context: DecodingContext) throws(YAMLError) {
        guard case .sequence(let items, _) = node else {
            throw context.mismatch(expected: "a sequence", node: node, path: CodingPath(path))
        }
        self.node = node
        self.items = items
        self.codingPath = path
        self.context = context
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private func current() throws(YAMLError) -> (YAMLNode, CodingPath) {
        guard currentIndex < items.count else {
            throw context.error(
                "expected more than \(items.count) elements in this sequence", at: node,
                path: CodingPath(codingPath))
        }
        return (items[currentIndex], CodingPath(codingPath, appending: IndexKey(currentIndex)))
    }

    mutating func decodeNil() throws -> Bool {
        let (item, _) = try current()
        guard context.isNull(item) else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (item, path) = try current()
        let value = try context.decode(type, from: item, path: path)
        currentIndex += 1
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try generic(type) }
    mutating func decode(_ type: String.Type) throws -> String { try generic(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try generic(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try generic(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try generic(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try generic(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try generic(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try generic(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try generic(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try generic(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try generic(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try generic(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try generic(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try generic(type) }

    private mutating func generic<T: Decodable>(_ type: T.Type) throws -> T {
        try decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let (item, path) = try current()
        let nested = try KeyedContainer<NestedKey>(node: item, path: path.keys, context: context)
        currentIndex += 1
        return KeyedDecodingContainer(nested)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (item, path) = try current()
        let nested = try UnkeyedContainer(node: item, path: path.keys, context: context)
        currentIndex += 1
        return nested
    }

    mutating func superDecoder() throws -> any Decoder {
        let (item, path) = try current()
        currentIndex += 1
        return NodeDecoder(node: item, codingPath: path.keys, context: context)
    }
}
