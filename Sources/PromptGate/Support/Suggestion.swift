/// Returns the candidate closest to `word` by edit distance, for "did you mean …?" hints.
///
/// Distance is Levenshtein over Unicode scalars. A candidate is suggested only when its distance
/// is at most `max(1, word.unicodeScalars.count / 3)`, so unrelated names are never offered.
/// On ties the earliest candidate wins, which keeps suggestions deterministic.
public func suggestion(for word: String, among candidates: [String]) -> String? {
    let source = Array(word.unicodeScalars)
    let limit = max(1, source.count / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(source, Array(candidate.unicodeScalars))
        if distance <= limit, distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// Levenshtein distance with a single rolling row (O(min) memory is not needed for short names).
private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
