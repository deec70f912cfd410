import Basics

extension AssertionSpec {
    /// Decodes `value:` as `rule` demands, with messages that name the type.
    static func decodeValue(
        _ rule: AssertionRules.Value, typeName name: String,
        in container: KeyedDecodingContainer<CodingKeys>
    ) throws -> AssertionValue? {
        let fail = { (message: String) -> DecodingError in
            DecodingError.dataCorruptedError(
                forKey: .value, in: container, debugDescription: message)
        }
        if case .custom = rule { return nil }  // see decodeMetricKeys
        let given: AssertionValue?
        do {
            given = try container.decodeIfPresent(AssertionValue.self, forKey: .value)
        } catch {
            // A forbidden value of any shape is reported as forbidden below.
            guard case .forbidden = rule else {
                throw fail("'\(name)' value must be a string, a number or a list of strings")
            }
            given = nil
        }
        switch rule {
        case .forbidden:
            if container.contains(.value) { throw fail("'\(name)' takes no value") }
            return nil
        case .any:
            return given
        case .custom:
            return nil
        case .strings:
            guard let given else { throw missing(name, example: "[\"a\", \"b\"]", container) }
            let texts = given.texts
            if texts.isEmpty { throw fail("'\(name)' needs at least one string") }
            if texts.contains(where: \.isEmpty) {
                throw fail("'\(name)' values must not be empty strings")
            }
            return given
        case .string(let allowsEmpty):
            guard let given else { throw missing(name, example: "\"text\"", container) }
            let text = try singleText(given, name, fail)
            if text.isEmpty && !allowsEmpty { throw fail("'\(name)' needs a non-empty string") }
            return given
        case .regex:
            guard let given else { throw missing(name, example: "'^\\d+'", container) }
            let text = try singleText(given, name, fail)
            if case .failure(let error) = CompiledRegex.compile(text) {
                throw fail("invalid regular expression '\(text)': \(error.reason)")
            }
            return given
        }
    }

    /// The value as one string; a list is an error that points to the list kinds.
    private static func singleText(
        _ given: AssertionValue, _ name: String, _ fail: (String) -> DecodingError
    ) throws -> String {
        guard let text = given.text else {
            let alternatives =
                name.hasSuffix("contains")
                ? "; for a list use 'contains-any' or 'contains-all'" : ""
            throw fail("'\(name)' needs a single string, not a list\(alternatives)")
        }
        return text
    }

    /// A key the type needs is absent: reported at `type`, the node that exists.
    private static func missing(
        _ name: String, example: String, _ container: KeyedDecodingContainer<CodingKeys>
    ) -> DecodingError {
        DecodingError.dataCorruptedError(
            forKey: .type, in: container,
            debugDescription: "'\(name)' needs a value, e.g. { type: \(name), value: \(example) }")
    }
}
