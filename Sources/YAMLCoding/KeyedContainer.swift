/// A mapping seen through a type's coding keys. Rejects keys the type does not declare
/// (when its keys are CaseIterable); lookups go through the shared `MappingView`.
struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    private let mapping: MappingView

    var codingPath: [any CodingKey] { mapping.codingPath }
    private var context: DecodingContext { mapping.context }
    private var node: YAMLNode { mapping.node }

    init(node: YAMLNode, path: [any CodingKey], context: DecodingContext) throws(YAMLError) {
        mapping = try MappingView(node: node, path: path, context: context)
        if let valid = context.keyNames(Key.self) {
            try checkKeys(valid)
        } else if let complex = mapping.keys.firstIndex(of: nil) {
            // A dictionary would silently drop it.
            throw context.mismatch(
                expected: "a string key", node: mapping.entries[complex].key,
                path: CodingPath(path))
        }
    }

    private func checkKeys(_ valid: DecodingContext.KeyNames) throws(YAMLError) {
        for (position, key) in mapping.keys.enumerated() {
            guard let key else {
                throw context.mismatch(
                    expected: "a string key", node: mapping.entries[position].key,
                    path: CodingPath(codingPath))
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
            throw context.error(
                message, at: mapping.entries[position].key, path: CodingPath(codingPath))
        }
    }

    private func value(for key: String) -> YAMLNode? { mapping.value(for: key) }

    private func require(_ key: Key) throws(YAMLError) -> YAMLNode {
        guard let value = value(for: key.stringValue) else {
            throw context.error(
                "missing required key '\(key.stringValue)'", at: node, path: CodingPath(codingPath))
        }
        return value
    }

    var allKeys: [Key] {
        // A plain loop: this runs unspecialized, where `compactMap` costs several times more.
        var result: [Key] = []
        result.reserveCapacity(mapping.keys.count)
        for case let text? in mapping.keys {
            if let key = Key(stringValue: text) { result.append(key) }
        }
        return result
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
