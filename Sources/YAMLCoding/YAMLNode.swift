/// An immutable YAML value with the position it was read from. Aliases are resolved
/// (they share the anchored node) and `<<` merge keys are already applied.
public indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar, YAMLMark)
    case sequence([YAMLNode], YAMLMark)
    /// Entries in source order; entries pulled in by `<<` merge keys come first.
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark)
}

extension YAMLNode {
    /// Where the node starts.
    public var mark: YAMLMark {
        switch self {
        case .scalar(_, let mark), .sequence(_, let mark), .mapping(_, let mark): return mark
        }
    }

    /// The value of the entry whose key is a scalar equal to `key`, when this is a mapping.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries, _) = self else { return nil }
        for entry in entries where entry.key.scalarValue == key {
            return entry.value
        }
        return nil
    }

    /// The scalar's text, or nil for collections.
    public var scalarValue: String? {
        if case .scalar(let scalar, _) = self { return scalar.value }
        return nil
    }

    /// The node a decoding path names: string keys look up mapping entries, integer keys
    /// index sequences. Nil when the path leaves the tree.
    public func node(at codingPath: [any CodingKey]) -> YAMLNode? {
        let (node, consumed) = deepestNode(at: codingPath)
        return consumed == codingPath.count ? node : nil
    }

    /// The deepest node along `codingPath` and how many keys led to it.
    func deepestNode(at codingPath: [any CodingKey]) -> (YAMLNode, Int) {
        var current = self
        for (index, key) in codingPath.enumerated() {
            switch current {
            case .mapping:
                guard let next = current[key.stringValue] else { return (current, index) }
                current = next
            case .sequence(let items, _):
                guard let position = key.intValue, items.indices.contains(position) else {
                    return (current, index)
                }
                current = items[position]
            case .scalar:
                return (current, index)
            }
        }
        return (current, codingPath.count)
    }

    /// A short description for messages: "a mapping", "a sequence", "'abc'", "null".
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let scalar, _):
            if scalar.isPlainUntagged && CoreSchema.isNull(scalar.value) {
                return scalar.value.isEmpty ? "an empty value" : "null ('\(scalar.value)')"
            }
            // Bytes bound characters: count characters only when the bytes say it may matter.
            let long = scalar.value.utf8.count > 60 && scalar.value.count > 60
            let text = long ? scalar.value.prefix(57) + "..." : scalar.value
            let quoted = "'\(text.replacingNewlines)'"
            return scalar.style == .plain ? quoted : "the quoted string \(quoted)"
        }
    }
}

extension StringProtocol {
    fileprivate var replacingNewlines: String {
        guard utf8.contains(UInt8(ascii: "\n")) else { return String(self) }
        return String(self).split(separator: "\n", omittingEmptySubsequences: false).joined(
            separator: "\\n")
    }
}
