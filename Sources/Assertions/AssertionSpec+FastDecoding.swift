import Basics
import YAMLCoding

extension AssertionSpec {
    /// The kinds ``fast(_:)`` reads: a value that is one string or a list of strings (or
    /// none), bounds, and nothing to check beyond their shape and range.
    private static let fastKinds: Set<AssertionKind> = [
        .equals, .contains, .icontains, .startsWith, .containsAny, .containsAll, .regex,
        .isJSON, .containsJSON, .wordCount, .latency,
    ]

    /// The common assertion (`{ type: contains, value: "text" }`, a regex, a word count)
    /// read straight from its tree: what `init(from:)` gives it, without a container per key
    /// it might have (a suite of 100,000 cases decodes one per assertion, at load and again
    /// as each case runs). Nil for any other key, kind or shape, and for every value
    /// `init(from:)` rejects: that path decodes those and says what is wrong.
    package static func fast(_ node: YAMLNode) -> AssertionSpec? {
        guard case .mapping(let entries, _) = node, entries.count <= 7 else { return nil }
        var type: YAMLNode?
        var value: YAMLNode?
        var numbers: [CodingKeys: YAMLNode] = [:]
        var metric: YAMLNode?
        for entry in entries {
            switch entry.key.scalarValue {
            case "type" where type == nil: type = entry.value
            case "value" where value == nil: value = entry.value
            case "metric" where metric == nil: metric = entry.value
            case let key?:
                guard let number = CodingKeys(rawValue: key),
                    [.min, .max, .weight, .threshold].contains(number), numbers[number] == nil
                else { return nil }
                numbers[number] = entry.value
            default: return nil
            }
        }
        guard case .scalar(let name, _)? = type, let parsed = parseTypeName(name.value),
            fastKinds.contains(parsed.kind)
        else { return nil }
        let rules = AssertionRules.of(parsed.kind)
        var spec = AssertionSpec(kind: parsed.kind, negated: parsed.negated)
        for (key, node) in numbers {
            // A key the kind does not take is an error even when its value is null.
            switch key {
            case .min: guard rules.allowsMin else { return nil }
            case .max: guard rules.allowsMax else { return nil }
            case .threshold: guard rules.allowsThreshold else { return nil }
            default: break
            }
            guard !node.isNull else { continue }
            guard let number = node.doubleValue, number.isFinite, number >= 0 else { return nil }
            switch key {
            case .min: spec.min = number
            case .max: spec.max = number
            case .threshold: spec.threshold = number
            default: spec.weight = number
            }
        }
        if let metric, !metric.isNull {
            guard case .scalar(let text, _) = metric else { return nil }
            spec.metric = text.value
        }
        guard let given = fastValue(value, rule: rules.value) else { return nil }
        spec.value = given
        switch parsed.kind {
        case .wordCount:
            guard spec.min != nil || spec.max != nil else { return nil }
            if let min = spec.min, let max = spec.max, min > max { return nil }
        case .latency:
            guard spec.max != nil else { return nil }
        default:
            break
        }
        return spec
    }

    /// The value as `init(from:)` reads it for `rule` (`.some(nil)`: none); nil when that
    /// path would reject it or this one does not read it.
    private static func fastValue(
        _ given: YAMLNode?, rule: AssertionRules.Value
    ) -> AssertionValue?? {
        let node = given.flatMap { $0.isNull ? nil : $0 }
        switch rule {
        case .forbidden:
            // `value: ~` is a value given too.
            return given == nil ? .some(nil) : nil
        case .string(let allowsEmpty):
            guard case .scalar(let text, _)? = node, allowsEmpty || !text.value.isEmpty else {
                return nil
            }
            return .string(text.value)
        case .regex:
            guard case .scalar(let text, _)? = node,
                case .success = CompiledRegex.compile(text.value)
            else { return nil }
            return .string(text.value)
        case .strings:
            switch node {
            case .scalar(let text, _)?:
                return text.value.isEmpty ? nil : .string(text.value)
            case .sequence(let items, _)?:
                var texts: [String] = []
                texts.reserveCapacity(items.count)
                for item in items {
                    guard case .scalar(let text, _) = item, !text.value.isEmpty else { return nil }
                    texts.append(text.value)
                }
                return texts.isEmpty ? nil : .list(texts)
            default:
                return nil
            }
        case .any, .custom:
            return nil
        }
    }
}
