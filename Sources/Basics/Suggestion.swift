import YAMLCoding

/// Returns the candidate closest to `word`, for "did you mean …?" hints: the one place
/// PromptGate decides what counts as a likely typo.
///
/// Compared case-insensitively by optimal string alignment over Unicode scalars (a swap of two
/// neighbours is one edit, so `contians` is one edit from `contains`). A candidate is offered only
/// within one edit per three characters (1…3), so unrelated names never are. On ties the earliest
/// candidate wins, which keeps suggestions deterministic.
public func suggestion(for word: String, among candidates: [String]) -> String? {
    let typed = Array(word.lowercased().unicodeScalars)
    let allowed = max(1, min(3, typed.count / 3))
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = YAMLSuggestion.editDistance(
            typed, Array(candidate.lowercased().unicodeScalars))
        if distance <= allowed, distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}
