/// Encodes one value into an `EncodedValue` box.
struct NodeEncoder: Encoder, SingleValueEncodingContainer {
    let box: EncodedValue
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.becomeMapping()
        return KeyedEncodingContainer(
            KeyedEncoder<Key>(box: box, codingPath: codingPath, userInfo: userInfo))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.becomeSequence()
        return UnkeyedEncoder(box: box, codingPath: codingPath, userInfo: userInfo)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// Encodes `value` at `path` into a new box.
    static func box<T: Encodable>(
        _ value: T, path: [any CodingKey], userInfo: [CodingUserInfoKey: Any]
    ) throws -> EncodedValue {
        switch value {
        case let string as String: return EncodedValue(scalar: string, isString: true)
        case let bool as Bool: return EncodedValue(scalar: bool ? "true" : "false", isString: false)
        case let int as Int: return EncodedValue(scalar: String(int), isString: false)
        case let double as Double: return EncodedValue(scalar: format(double), isString: false)
        case let dictionary as any SortedKeysEncodable:
            return try dictionary.encodeSorted(path: path, userInfo: userInfo)
        default:
            let box = EncodedValue()
            try value.encode(to: NodeEncoder(box: box, codingPath: path, userInfo: userInfo))
            return box
        }
    }

    /// Core-schema text for a Double: `.inf`, `-.inf`, `.nan`, or Swift's shortest form.
    static func format(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        return "\(value)"
    }

    // MARK: SingleValueEncodingContainer

    func encodeNil() { box.content = .scalar("null", isString: false) }
    func encode(_ value: Bool) { box.content = .scalar(value ? "true" : "false", isString: false) }
    func encode(_ value: String) { box.content = .scalar(value, isString: true) }
    func encode(_ value: Double) { box.content = .scalar(Self.format(value), isString: false) }
    func encode(_ value: Float) {
        box.content = .scalar(Self.format(Double("\(value)") ?? 0), isString: false)
    }
    func encode(_ value: Int) { number(value) }
    func encode(_ value: Int8) { number(value) }
    func encode(_ value: Int16) { number(value) }
    func encode(_ value: Int32) { number(value) }
    func encode(_ value: Int64) { number(value) }
    func encode(_ value: UInt) { number(value) }
    func encode(_ value: UInt8) { number(value) }
    func encode(_ value: UInt16) { number(value) }
    func encode(_ value: UInt32) { number(value) }
    func encode(_ value: UInt64) { number(value) }

    private func number<T: FixedWidthInteger>(_ value: T) {
        box.content = .scalar(String(value), isString: false)
    }

    func encode<T: Encodable>(_ value: T) throws {
        box.content = try Self.box(value, path: codingPath, userInfo: userInfo).content
    }
}

struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: EncodedValue
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    func encodeNil(forKey key: Key) {
        box.set(EncodedValue(scalar: "null", isString: false), for: key.stringValue)
    }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let child = try NodeEncoder.box(value, path: codingPath + [key], userInfo: userInfo)
        box.set(child, for: key.stringValue)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        child(key).container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        child(key).unkeyedContainer()
    }

    func superEncoder() -> any Encoder { child(StringKey("super")) }
    func superEncoder(forKey key: Key) -> any Encoder { child(key) }

    private func child(_ key: any CodingKey) -> NodeEncoder {
        let child = EncodedValue()
        box.set(child, for: key.stringValue)
        return NodeEncoder(box: child, codingPath: codingPath + [key], userInfo: userInfo)
    }
}

struct UnkeyedEncoder: UnkeyedEncodingContainer {
    let box: EncodedValue
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    var count: Int {
        if case .sequence(let items) = box.content { return items.count }
        return 0
    }

    func encodeNil() { box.append(EncodedValue(scalar: "null", isString: false)) }

    func encode<T: Encodable>(_ value: T) throws {
        box.append(
            try NodeEncoder.box(value, path: codingPath + [IndexKey(count)], userInfo: userInfo))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        child().container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { child().unkeyedContainer() }
    func superEncoder() -> any Encoder { child() }

    private func child() -> NodeEncoder {
        let child = EncodedValue()
        let path = codingPath + [IndexKey(count)]
        box.append(child)
        return NodeEncoder(box: child, codingPath: path, userInfo: userInfo)
    }
}

/// String-keyed dictionaries encode with sorted keys so output is deterministic.
protocol SortedKeysEncodable {
    func encodeSorted(
        path: [any CodingKey], userInfo: [CodingUserInfoKey: Any]
    ) throws -> EncodedValue
}

extension Dictionary: SortedKeysEncodable where Key == String, Value: Encodable {
    func encodeSorted(
        path: [any CodingKey], userInfo: [CodingUserInfoKey: Any]
    ) throws -> EncodedValue {
        let box = EncodedValue()
        box.becomeMapping()
        for key in keys.sorted() {
            guard let value = self[key] else { continue }
            let child = try NodeEncoder.box(
                value, path: path + [StringKey(key)], userInfo: userInfo)
            box.set(child, for: key)
        }
        return box
    }
}
