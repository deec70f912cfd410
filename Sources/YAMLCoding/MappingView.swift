/// A mapping's entries with their key texts read once, and where the mapping sits. Shared by
/// every copy of a keyed container: the standard library's type-erased container box copies
/// the container on each call, so one reference to retain beats five.
final class MappingView {
    let node: YAMLNode
    let codingPath: [any CodingKey]
    let context: DecodingContext
    let entries: [(key: YAMLNode, value: YAMLNode)]
    /// Each entry's key text; nil for a collection used as a key.
    let keys: [String?]
    /// Key text → entry position, for big mappings.
    private let index: [String: Int]?

    init(node: YAMLNode, path: [any CodingKey], context: DecodingContext) throws(YAMLError) {
        guard case .mapping(let entries, _) = node else {
            throw context.mismatch(expected: "a mapping", node: node, path: CodingPath(path))
        }
        self.node = node
        self.codingPath = path
        self.context = context
        self.entries = entries
        let keys = entries.map(\.key.scalarValue)
        self.keys = keys
        if keys.count > 12 {
            var index: [String: Int] = [:]
            index.reserveCapacity(keys.count)
            for (position, key) in keys.enumerated() {
                if let key, index[key] == nil { index[key] = position }
            }
            self.index = index
        } else {
            self.index = nil
        }
    }

    /// The value of the first entry whose key is `key`.
    func value(for key: String) -> YAMLNode? {
        if let index {
            return index[key].map { entries[$0].value }
        }
        // Comparing a handful of short strings beats hashing them.
        for position in keys.indices where keys[position] == key {
            return entries[position].value
        }
        return nil
    }
}
