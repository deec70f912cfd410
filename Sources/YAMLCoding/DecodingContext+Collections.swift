/// Arrays and string-keyed dictionaries decoded straight from their node. The standard
/// library's `init(from:)` goes through type-erased containers, grows the array one append
/// at a time and looks every dictionary key up again; the results and errors are the same.
protocol YAMLSequenceDecodable {
    static func decode(
        sequence node: YAMLNode, path: CodingPath, context: DecodingContext
    ) throws(YAMLError) -> Self
}

protocol YAMLMappingDecodable {
    static func decode(
        mapping node: YAMLNode, path: CodingPath, context: DecodingContext
    ) throws(YAMLError) -> Self
}

extension Array: YAMLSequenceDecodable where Element: Decodable {
    static func decode(
        sequence node: YAMLNode, path: CodingPath, context: DecodingContext
    ) throws(YAMLError) -> [Element] {
        guard case .sequence(let items, _) = node else {
            throw context.mismatch(expected: "a sequence", node: node, path: path)
        }
        let base = path.keys
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let itemPath = CodingPath(base, appending: IndexKey(index))
            result.append(try context.decode(Element.self, from: item, path: itemPath))
        }
        return result
    }
}

extension Dictionary: YAMLMappingDecodable where Key == String, Value: Decodable {
    static func decode(
        mapping node: YAMLNode, path: CodingPath, context: DecodingContext
    ) throws(YAMLError) -> [String: Value] {
        let base = path.keys
        let mapping = try MappingView(node: node, path: base, context: context)
        var result: [String: Value] = [:]
        result.reserveCapacity(mapping.keys.count)
        var keys: [String] = []
        keys.reserveCapacity(mapping.keys.count)
        for (position, key) in mapping.keys.enumerated() {
            guard let key else {
                // A dictionary would silently drop it.
                throw context.mismatch(
                    expected: "a string key", node: mapping.entries[position].key,
                    path: CodingPath(base))
            }
            keys.append(key)
        }
        for (position, key) in keys.enumerated() {
            let valuePath = CodingPath(base, appending: DictionaryKey(key))
            result[key] = try context.decode(
                Value.self, from: mapping.entries[position].value, path: valuePath)
        }
        return result
    }
}

/// A dictionary's key as the standard library names it in coding paths: its text, and
/// its integer value when the text is one.
struct DictionaryKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = Int(string)
    }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}
