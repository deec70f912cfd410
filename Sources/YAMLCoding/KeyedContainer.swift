/// A mapping seen through a type's coding keys. Rejects keys the type does not declare
/// (when its keys are CaseIterable) and indexes big mappings for constant-time lookup.
struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let codingPath: [any CodingKey]
    private let node: YAMLNode
    private let entries: [(key: YAMLNode, value: YAMLNode)]
    private let index: [String: Int]?
    private let context: DecodingContext

    init(node: YAMLNode, path: [any CodingKey], context: DecodingContext) throws(YAMLError) {
        guard case .mapping(let entries, _) = node else {
            throw context.mismatch(expected: "a mapping", node: node, path: CodingPath(path))
        }
        self.node = node
        self.entries = entries
        self.codingPath = path
        self.context = context
        if entries.count > 12 {
            var index: [String: Int] = [:]
            index.reserveCapacity(entries.count)
            for (position, entry) in entries.enumerated() {
                if let key = entry.key.scalarValue, index[key] == nil { index[key] = position }
            }
            self.index = index
        } else {
            self.index = nil
        }
        if let valid = context.keyNames(Key.self) {
            try checkKeys(valid)
        } else if let complex = entries.first(where: { $0.key.scalarValue == nil }) {
            // A dictionary would silently drop it.
            throw context.mismatch(
                expected: "a string key", node: complex.key, path: CodingPath(path))
        }
    }

    private func checkKeys(_ valid: DecodingContext.KeyNames) throws(YAMLError) {
        for entry in entries {
            guard let key = entry.key.scalarValue else {
                throw context.mismatch(
                    expected: "a string key", node: entry.key, path: CodingPath(codingPath))
            }
            // Comparing a handful of short strings beats hashing them.
            let known = valid.names.count <= 8 ? valid.names.contains(key) : valid.set.contains(key)
            guard !known else { continue }
            var message = "unknown key '\(key)'"
            if let suggestion = YAMLSuggestion.closest(to: key, in: valid.names) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                let shown = valid.names.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
                message += "; valid keys are " + shown + (valid.names.count > 12 ? ", ..." : "")
            }
            throw context.error(message, at: entry.key, path: CodingPath(codingPath))
        }
    }

    private func value(for key: String) -> YAMLNode? {
        if let index {
            return index[key].map { entries[$0].value }
        }
        for entry in entries where entry.key.scalarValue == key {
            return entry.value
        }
        return nil
    }

    private func require(_ key: Key) throws(YAMLError) -> YAMLNode {
        guard let value = value(for: key.stringValue) else {
            throw context.error(
                "missing required key '\(key.stringValue)'", at: node, path: CodingPath(codingPath))
        }
        return value
    }

    var allKeys: [Key] {
        entries.compactMap { $0.key.scalarValue.flatMap(Key.init(stringValue:)) }
    }

    func contains(_ key: Key) -> Bool { value(for: key.stringValue) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { context.isNull(try require(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try context.decode(
            type, from: try require(key), path: CodingPath(codingPath, appending: key))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try generic(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try generic(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try generic(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try generic(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try generic(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try generic(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try generic(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try generic(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try generic(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try generic(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try generic(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try generic(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try generic(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try generic(type, key) }

    private func generic<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decode(type, forKey: key)
    }

    /// One lookup instead of the default's three (contains, decodeNil, decode).
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = value(for: key.stringValue), !context.isNull(value) else { return nil }
        return try context.decode(type, from: value, path: CodingPath(codingPath, appending: key))
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try optional(type, key)
    }

    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        try decodeIfPresent(type, forKey: key)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let nested = try KeyedContainer<NestedKey>(
            node: try require(key), path: codingPath + [key], context: context)
        return KeyedDecodingContainer(nested)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try UnkeyedContainer(node: try require(key), path: codingPath + [key], context: context)
    }

    func superDecoder() throws -> any Decoder {
        try decoder(for: StringKey("super"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try decoder(for: key)
    }

    private func decoder(for key: any CodingKey) throws(YAMLError) -> any Decoder {
        guard let value = value(for: key.stringValue) else {
            throw context.error(
                "missing required key '\(key.stringValue)'", at: node, path: CodingPath(codingPath))
        }
        return NodeDecoder(node: value, codingPath: codingPath + [key], context: context)
    }
}
