/// The kinds of assertion a suite case can make about a model's output.
///
/// Every kind also has a negated form spelled with a `not-` prefix (`not-contains`, `not-is-json`);
/// the prefix lives in ``AssertionSpec/negated``, not here.
///
/// ``AssertionSpec/evaluate(_:)`` (this target) decides the deterministic kinds, ``language``
/// (with ``LanguageDetector``), the reference metrics and ``jsonSchema`` included. The kinds
/// that need a model, an embedding, a command or a run's cost (``evaluator`` names which) are
/// decoded and validated here and graded by the Engine's `GradedEvaluator`; evaluated here
/// alone they come back ``AssertionResult/skipped``.
///
/// Text is compared by Unicode characters (grapheme clusters); reasons report 0-based
/// character offsets ("found at char 14").
public enum AssertionKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The whole output equals `value`, after trailing whitespace and newlines are trimmed from
    /// both (leading whitespace counts).
    case equals
    /// The output contains `value` exactly (case-sensitive).
    case contains
    /// The output contains `value` ignoring case, by Unicode case folding (`ß` = `ss`,
    /// `İ` = `i`).
    case icontains
    /// The output contains at least one of the `value` strings (exact).
    case containsAny = "contains-any"
    /// The output contains every one of the `value` strings (exact).
    case containsAll = "contains-all"
    /// The output begins with `value`, exactly: leading whitespace is not skipped.
    case startsWith = "starts-with"
    /// `value` (NSRegularExpression/ICU syntax, default options) matches somewhere in the
    /// output; `^` and `$` anchor at the whole output's start and end.
    case regex
    /// The whole output, trimmed of surrounding whitespace, is JSON (any value, scalars too).
    case isJSON = "is-json"
    /// Some `{…}` or `[…]` inside the output (prose, ```json fences) parses as JSON.
    case containsJSON = "contains-json"
    /// The number of words is within `min`…`max`; words are runs containing a letter or digit;
    /// each CJK ideograph, kana and Thai/Lao/Khmer/Myanmar letter counts as one word.
    case wordCount = "word-count"
    /// The provider answered within `max` milliseconds (equal passes); fails when latency was
    /// not measured.
    case latency
    /// The output is in language `value`: an ISO 639-1 code from
    /// ``LanguageDetector/supportedCodes`` or `same-as-input` (the language of
    /// ``AssertionContext/input``). Code blocks, URLs and numbers in the output are ignored; an
    /// output whose language cannot be detected fails, negated or not.
    case language
    /// A judge model grades the output against the rubric in `value`.
    case llmRubric = "llm-rubric"
    /// A judge model compares the output's facts with the reference in `value` (categories
    /// A–E, mapped to pass or fail by ``GradedOptions/verdictMap``).
    case factuality
    /// A judge model says whether the output addresses the input (with `threshold`: its score
    /// is at least that).
    case answerRelevance = "answer-relevance"
    /// The cosine similarity of the output's and `value`'s embeddings is ≥ `threshold`.
    case similar
    /// The edit distance between the output and the reference `value`, over characters
    /// (grapheme clusters, case-sensitive, NFC ≡ NFD), is at most `threshold`.
    case levenshtein
    /// ROUGE-N recall of the reference's n-grams (`n: 1` default, or `2`) is ≥ `threshold`.
    case rougeN = "rouge-n"
    /// ROUGE-L F-measure (β = 1) over the longest common word subsequence is ≥ `threshold`.
    case rougeL = "rouge-l"
    /// Sentence BLEU (4-grams, brevity penalty, add-one smoothing) is ≥ `threshold`.
    case bleu
    /// The output (or the first JSON object/array in it) validates against the schema in
    /// `value:`, inline or `file://path` (see ``JSONSchema``).
    case jsonSchema = "json-schema"
    /// The output refuses the request (built-in multilingual phrase detection).
    case isRefusal = "is-refusal"
    /// The output's tokens cost at most `max` US dollars at the project's `prices:`.
    case cost
    /// The program in `value` (a path or an argv list) grades the output and says pass (with
    /// `threshold`: its score is at least that).
    case command
    /// A group of assertions (`assert:`) scored together, with its own `threshold` and
    /// `weight`; evaluated with the graded kinds.
    case assertSet = "assert-set"
    /// Some call of the trajectory names the tool in `value` (with `times:`, exactly that
    /// many calls do).
    case toolCalled = "tool-called"
    /// The arguments of every call of `tool:` validate against `schema:` or contain the
    /// subset in `value:` (and the tool was called).
    case toolArgs = "tool-args"
    /// The calls' names contain the names in `value` in order (a subsequence), or are exactly
    /// them with `strict: true`.
    case toolSequence = "tool-sequence"
    /// The number of calls is within `min`…`max`.
    case toolCallCount = "tool-call-count"
    /// Every call names a declared tool and its arguments are JSON that validates against
    /// that tool's `parameters`.
    case validToolCall = "valid-tool-call"
    /// The trajectory has no tool call.
    case noToolCall = "no-tool-call"

    /// The prefix that negates any kind: `not-contains`.
    public static let negationPrefix = "not-"

    /// Every spelling `type:` accepts, positive forms first, then the `not-` forms, in
    /// declaration order. Used for `promptgate help assertions` and typo suggestions.
    public static let allTypeNames: [String] =
        allCases.map(\.rawValue) + allCases.map { negationPrefix + $0.rawValue }

    /// Whether ``AssertionSpec/evaluate(_:)`` decides this kind; `false` means the Engine's
    /// graded evaluation does, with what ``evaluator`` names.
    public var isEvaluatedLocally: Bool { evaluator == nil }

    /// What a kind needs that this target does not have, or `nil` when it is evaluated here.
    public var evaluator: String? {
        switch self {
        case .equals, .contains, .icontains, .containsAny, .containsAll, .startsWith, .regex,
            .isJSON, .containsJSON, .wordCount, .latency, .language, .levenshtein, .rougeN, .rougeL,
            .bleu, .jsonSchema, .toolCalled, .toolArgs, .toolSequence, .toolCallCount,
            .validToolCall, .noToolCall:
            return nil
        case .llmRubric, .factuality, .answerRelevance: return "judge"
        case .similar: return "embeddings"
        case .isRefusal: return "refusal detection"
        case .cost: return "cost data"
        case .command: return "command runner"
        case .assertSet: return "grading"
        }
    }
}

extension AssertionSpec {
    /// Every spelling `type:` accepts (see ``AssertionKind/allTypeNames``).
    public static let allTypeNames: [String] = AssertionKind.allTypeNames
}
