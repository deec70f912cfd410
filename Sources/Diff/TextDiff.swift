/// A word-level diff of two texts, for reviewing two prompt versions' outputs side by side.
public struct TextDiff: Sendable {
    /// The edit script; adjacent ops of one kind are merged, and within a change the deletion
    /// comes before the insertion. Concatenating the equal and delete texts gives the old text;
    /// the equal and insert texts give the new one.
    public var ops: [DiffOp]

    public init(ops: [DiffOp]) { self.ops = ops }

    /// Word-level diff: tokens are words, whitespace runs, line breaks and punctuation; grapheme
    /// clusters are never split (emoji with skin tones or ZWJ sequences, letters with combining
    /// marks stay whole). Scripts written without spaces (CJK ideographs, kana, Thai, Lao, Khmer,
    /// Myanmar) are diffed per grapheme; Hangul, which uses spaces, is diffed per word. Tokens
    /// compare as Swift strings do (canonical equivalence), so NFC and NFD spellings are equal
    /// and an equal op carries the old text.
    ///
    /// Long inputs (more than about 2,000 tokens) are diffed by lines first, then word by word
    /// inside the changed line blocks. A block whose edit distance is huge is shown as one
    /// replacement, so pathological inputs stay fast.
    public static func words(_ old: String, _ new: String) -> TextDiff {
        TextDiff(ops: DiffBuilder(old: old, new: new).ops())
    }

    /// True when both texts are the same (no changes).
    public var isIdentical: Bool { ops.allSatisfy { !$0.isChange } }

    /// True when the texts differ only in whitespace (spaces, tabs, newlines, their amounts).
    /// Removing the only space between two words makes a different word, so that is not
    /// whitespace-only.
    public var isWhitespaceOnly: Bool {
        var changed = false
        for op in ops where op.isChange {
            guard op.text.allSatisfy(\.isWhitespace) else { return false }
            changed = true
        }
        return changed
    }

    /// Inserted tokens, not counting whitespace (so a whitespace-only change counts 0).
    public var insertedCount: Int {
        ops.reduce(0) { n, op in
            if case .insert(let s) = op { return n + Self.countTokens(s) }
            return n
        }
    }

    /// Deleted tokens, not counting whitespace.
    public var deletedCount: Int {
        ops.reduce(0) { n, op in
            if case .delete(let s) = op { return n + Self.countTokens(s) }
            return n
        }
    }

    static func countTokens(_ s: String) -> Int {
        DiffTokenizer.tokenize(s).reduce(0) { $0 + ($1.isWhitespace ? 0 : 1) }
    }
}
