import YAMLCoding

/// Returns the candidate closest to `word`, for "did you mean …?" hints.
///
/// The rule is ``YAMLSuggestion/closest(to:in:)``'s, so a typo in a YAML key and one on the
/// command line are judged alike: optimal string alignment over Unicode scalars, case-insensitive,
/// within one edit per three characters (1…3), the earliest candidate on ties.
public func suggestion(for word: String, among candidates: [String]) -> String? {
    YAMLSuggestion.closest(to: word, in: candidates)
}
