/// The kinds of assertion a suite case can make about a model's output.
///
/// Every kind also has a negated form spelled with a `not-` prefix (`not-contains`, `not-is-json`);
/// the prefix lives in ``AssertionSpec/negated``, not here.
///
/// This module evaluates the deterministic kinds itself. The others (``language``, ``llmRubric``
/// and the graded kinds from ``factuality`` on) are parsed and validated here but evaluated by
/// other modules; until then their results are ``AssertionResult/skipped``.
public enum AssertionKind: String, Sendable, Hashable, CaseIterable, Codable {
    case equals
    case contains
    case icontains
    case containsAny = "contains-any"
    case containsAll = "contains-all"
    case startsWith = "starts-with"
    case regex
    case isJSON = "is-json"
    case containsJSON = "contains-json"
    case wordCount = "word-count"
    case latency
    case language
    case llmRubric = "llm-rubric"
    // Known but not yet evaluated anywhere: parsed so suites can use them ahead of time.
    case factuality
    case answerRelevance = "answer-relevance"
    case similar
    case levenshtein
    case rougeN = "rouge-n"
    case rougeL = "rouge-l"
    case bleu
    case jsonSchema = "json-schema"
    case isRefusal = "is-refusal"
    case cost
    case command

    /// The prefix that negates any kind: `not-contains`.
    public static let negationPrefix = "not-"

    /// Every spelling `type:` accepts, positive forms first, then the `not-` forms, in
    /// declaration order. Used for `promptgate help assertions` and typo suggestions.
    public static let allTypeNames: [String] =
        allCases.map(\.rawValue) + allCases.map { negationPrefix + $0.rawValue }

    /// Whether ``AssertionSpec/evaluate(_:)`` decides this kind; `false` means the result is
    /// skipped until the module named by ``evaluator`` grades it.
    public var isEvaluatedLocally: Bool { evaluator == nil }

    /// What a kind needs that this module does not have, or `nil` when it is evaluated here.
    public var evaluator: String? {
        switch self {
        case .equals, .contains, .icontains, .containsAny, .containsAll, .startsWith, .regex,
            .isJSON, .containsJSON, .wordCount, .latency:
            return nil
        case .language: return "language detection"
        case .llmRubric, .factuality, .answerRelevance: return "judge"
        case .similar: return "embeddings"
        case .levenshtein, .rougeN, .rougeL, .bleu: return "text metrics"
        case .jsonSchema: return "schema validation"
        case .isRefusal: return "refusal detection"
        case .cost: return "cost data"
        case .command: return "command runner"
        }
    }
}

extension AssertionSpec {
    /// Every spelling `type:` accepts (see ``AssertionKind/allTypeNames``).
    public static let allTypeNames: [String] = AssertionKind.allTypeNames
}
