import YAMLCoding

extension AssertionSpec {
    /// The kinds ``fast(_:)`` reads: a value that is one string or a list of strings, or none,
    /// and nothing to check beyond its shape.
    private static let fastKinds: Set<AssertionKind> = [
        .equals, .contains, .icontains, .startsWith, .containsAny, .containsAll, .isJSON,
        .containsJSON,
    ]

    /// The common assertion, `{ type: contains, value: "text" }`, read straight from its
    /// tree: what `init(from:)` gives it, without a container per key it might have (a suite
    /// of 100,000 cases decodes one per assertion, at load and again as each case runs). Nil
    /// for any other key, kind or shape: `init(from:)` decodes those and says what is wrong.
    package static func fast(_ node: YAMLNode) -> AssertionSpec? {
        guard case .mapping(let entries, _) = node, entries.count <= 2 else { return nil }
        var type: YAMLNode?
        var value: YAMLNode?
        for entry in entries {
            switch entry.key.scalarValue {
            case "type" where type == nil: type = entry.value
            case "value" where value == nil: value = entry.value
            default: return nil
            }
        }
        guard case .scalar(let name, _)? = type, let parsed = parseTypeName(name.value),
            fastKinds.contains(parsed.kind)
        else { return nil }
        var spec = AssertionSpec(kind: parsed.kind, negated: parsed.negated)
        switch AssertionRules.of(parsed.kind).value {
        case .string(let allowsEmpty):
            guard let value, !value.isNull, case .scalar(let text, _) = value,
                allowsEmpty || !text.value.isEmpty
            else { return nil }
            spec.value = .string(text.value)
        case .strings:
            guard let value, !value.isNull else { return nil }
            switch value {
            case .scalar(let text, _):
                guard !text.value.isEmpty else { return nil }
                spec.value = .string(text.value)
            case .sequence(let items, _):
                var texts: [String] = []
                texts.reserveCapacity(items.count)
                for item in items {
                    guard case .scalar(let text, _) = item, !text.value.isEmpty else { return nil }
                    texts.append(text.value)
                }
                guard !texts.isEmpty else { return nil }
                spec.value = .list(texts)
            case .mapping:
                return nil
            }
        case .forbidden:
            guard value == nil else { return nil }
        default:
            return nil
        }
        return spec
    }
}
