import Basics
import Foundation
import YAMLCoding

extension AssertionSpec {
    /// The keys an assertion mapping may have.
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case type, value, min, max, weight, metric, threshold, n
        case provider, model
        case rubricPrompt = "rubric_prompt"
        case map, timeout, assert
        case tool, times, strict, schema
    }

    /// Decodes and validates one assertion. Every error is a `DecodingError` whose coding path
    /// ends at the offending key (at `type` when a key the type needs is missing), with a
    /// one-line message that says how to fix it.
    public init(from decoder: any Decoder) throws {
        try Self.rejectUnknownKeys(in: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeName: String
        do {
            typeName = try container.decode(String.self, forKey: .type)
        } catch DecodingError.keyNotFound {
            throw DecodingError.keyNotFound(
                CodingKeys.type,
                .init(
                    codingPath: container.codingPath,
                    debugDescription:
                        "assertion has no 'type', e.g. { type: contains, value: \"text\" }"))
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "assertion 'type' must be a name such as 'contains'")
        }
        guard let parsed = Self.parseTypeName(typeName) else {
            let hint =
                suggestion(for: typeName, among: Self.allTypeNames)
                .map { "did you mean '\($0)'?" } ?? "see `promptgate help assertions`"
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown assertion type '\(typeName)'; \(hint)")
        }
        self.init(kind: parsed.kind, negated: parsed.negated)
        let name = typeName
        let rules = AssertionRules.of(parsed.kind)
        let fail = { (key: CodingKeys, message: String) -> DecodingError in
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: message)
        }

        weight = try Self.number(.weight, in: container) ?? 1
        if weight < 0 {
            throw fail(.weight, "weight must be a number ≥ 0, got \(AssertionText.number(weight))")
        }
        do {
            metric = try container.decodeIfPresent(String.self, forKey: .metric)
        } catch {
            throw fail(.metric, "metric must be a name (a string)")
        }
        for (key, allowed) in [(CodingKeys.min, rules.allowsMin), (.max, rules.allowsMax)]
        where !allowed && container.contains(key) {
            throw fail(key, "'\(name)' does not take '\(key.rawValue)'")
        }
        if !rules.allowsThreshold && container.contains(.threshold) {
            throw fail(.threshold, "'\(name)' does not take 'threshold': it passes or fails")
        }
        min = try Self.number(.min, in: container)
        max = try Self.number(.max, in: container)
        threshold = try Self.number(.threshold, in: container)
        if let threshold, threshold < 0 {
            throw fail(.threshold, "threshold must be ≥ 0, got \(AssertionText.number(threshold))")
        }
        value = try Self.decodeValue(rules.value, typeName: name, in: container)
        if kind == .language, let code = value?.text, let message = Self.languageError(code) {
            throw fail(.value, message)
        }
        try decodeMetricKeys(typeName: name, in: container, decoder: decoder)
        try decodeGradedKeys(typeName: name, in: container)
        try decodeToolKeys(typeName: name, in: container)
        try validateBounds(typeName: name, fail: fail)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(typeName, forKey: .type)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(min, forKey: .min)
        try container.encodeIfPresent(max, forKey: .max)
        if weight != 1 { try container.encode(weight, forKey: .weight) }
        try container.encodeIfPresent(metric, forKey: .metric)
        try container.encodeIfPresent(threshold, forKey: .threshold)
        try encodeMetricKeys(into: &container)
        try encodeGradedKeys(into: &container)
        try encodeToolKeys(into: &container)
    }

    /// `word-count` needs min and/or max with min ≤ max; `latency` needs max.
    private func validateBounds(
        typeName name: String, fail: (CodingKeys, String) -> DecodingError
    ) throws {
        for (key, bound) in [(CodingKeys.min, min), (.max, max)] {
            if let bound, bound < 0,
                kind == .wordCount || kind == .latency || kind == .toolCallCount
            {
                throw fail(key, "'\(name)' \(key.rawValue) must be ≥ 0, got \(Self.format(bound))")
            }
        }
        switch kind {
        case .wordCount, .toolCallCount:
            if min == nil && max == nil {
                throw fail(
                    .type,
                    "'\(name)' needs min and/or max, e.g. { type: \(name), min: 5, max: 120 }")
            }
            if let min, let max, min > max {
                throw fail(
                    .min,
                    "'\(name)' min (\(Self.format(min))) is greater than max (\(Self.format(max)))")
            }
        case .latency:
            if max == nil {
                throw fail(
                    .type, "'\(name)' needs max in milliseconds, e.g. { type: \(name), max: 3000 }")
            }
        default:
            break
        }
    }

    private static func format(_ value: Double) -> String { AssertionText.number(value) }

    /// A finite number at `key`, or nil when absent.
    private static func number(
        _ key: CodingKeys, in container: KeyedDecodingContainer<CodingKeys>
    ) throws -> Double? {
        let number: Double?
        do {
            number = try container.decodeIfPresent(Double.self, forKey: key)
        } catch {
            number = .nan
        }
        if let number, !number.isFinite {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(key.rawValue) must be a number")
        }
        return number
    }

    private static let knownKeys = Set(CodingKeys.allCases.map(\.rawValue))

    /// `unknown key 'vaule' in assertion; did you mean 'value'?`
    private static func rejectUnknownKeys(in decoder: any Decoder) throws {
        // A YAML mapping whose keys are all known needs no second container (a suite decodes
        // one per assertion per case); anything else takes the path below, which says why.
        if let yaml = decoder as? any YAMLNodeDecoder, case .mapping(let entries, _) = yaml.node,
            entries.allSatisfy({ $0.key.scalarValue.map(knownKeys.contains) == true })
        {
            return
        }
        let container = try decoder.container(keyedBy: DynamicCodingKey.self)
        for key in container.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
            let known = CodingKeys.allCases.map(\.rawValue)
            let hint =
                suggestion(for: key.stringValue, among: known)
                .map { "did you mean '\($0)'?" }
                ?? "expected one of: \(known.joined(separator: ", "))"
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown key '\(key.stringValue)' in assertion; \(hint)")
        }
    }
}
