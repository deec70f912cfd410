/// Which keys each assertion kind takes, checked when a suite is loaded.
struct AssertionRules {
    /// What `value:` must be.
    enum Value {
        /// No `value:` allowed.
        case forbidden
        /// One string (numbers are accepted as their text); `allowsEmpty` for `equals: ""`.
        case string(allowsEmpty: Bool)
        /// A non-empty list of non-empty strings, or one string.
        case strings
        /// A string that compiles as a regular expression.
        case regex
        /// Anything ``AssertionValue`` holds, optional (graded kinds decide later).
        case any
        /// Decoded and validated by the kind's own code (`AssertionSpec+Metrics.swift`).
        case custom
    }

    var value: Value
    var allowsMin = false
    var allowsMax = false
    var allowsThreshold = false

    static func of(_ kind: AssertionKind) -> AssertionRules {
        switch kind {
        case .equals:
            return AssertionRules(value: .string(allowsEmpty: true))
        case .contains, .icontains, .startsWith, .language:
            return AssertionRules(value: .string(allowsEmpty: false))
        case .llmRubric:
            return AssertionRules(value: .string(allowsEmpty: false), allowsThreshold: true)
        case .containsAny, .containsAll:
            return AssertionRules(value: .strings)
        case .regex:
            return AssertionRules(value: .regex)
        case .isJSON, .containsJSON:
            return AssertionRules(value: .forbidden)
        case .wordCount:
            return AssertionRules(value: .forbidden, allowsMin: true, allowsMax: true)
        case .latency:
            return AssertionRules(value: .forbidden, allowsMax: true)
        case .levenshtein, .rougeN, .rougeL, .bleu:
            return AssertionRules(value: .custom, allowsThreshold: true)
        case .jsonSchema:
            return AssertionRules(value: .custom)
        case .assertSet:
            return AssertionRules(value: .forbidden, allowsThreshold: true)
        case .toolCalled:
            return AssertionRules(value: .string(allowsEmpty: false))
        case .toolSequence:
            return AssertionRules(value: .strings)
        case .toolArgs:
            return AssertionRules(value: .custom)
        case .toolCallCount:
            return AssertionRules(value: .forbidden, allowsMin: true, allowsMax: true)
        case .validToolCall, .noToolCall:
            return AssertionRules(value: .forbidden)
        case .factuality, .answerRelevance, .similar, .isRefusal, .cost, .command:
            return AssertionRules(
                value: .any, allowsMin: true, allowsMax: true, allowsThreshold: true)
        }
    }
}
