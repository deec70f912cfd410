import Diff
import Testing

/// Seeded random texts and edits for the Diff*Tests files.
enum DiffFixture {
    /// SplitMix64: a small deterministic generator, so failures reproduce from the seed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let vocabulary = [
        "the", "a", "model", "answer", "password", "reset", "settings", "account", "café",
        "naïve", "don't", "über", "今日", "晴れ", "สวัสดี", "👍🏽", "👨‍👩‍👧", "e\u{301}t\u{E9}", "안녕",
        "42", "3.14", "<b>", "&", "\"quoted\"",
    ]
    static let separators = [" ", " ", " ", " ", ", ", ". ", "\n", "  ", "\t", "\n\n", ""]

    /// A random text of `count` words with punctuation, spaces, tabs and line breaks.
    static func text(words count: Int, _ rng: inout SeededGenerator) -> [String] {
        var pieces: [String] = []
        for _ in 0..<count {
            pieces.append(vocabulary.randomElement(using: &rng) ?? "x")
            pieces.append(separators.randomElement(using: &rng) ?? " ")
        }
        return pieces
    }

    /// Applies `count` random edits (replace, delete, insert, change separator) to the pieces.
    static func edited(_ pieces: [String], edits count: Int, _ rng: inout SeededGenerator)
        -> [String]
    {
        var out = pieces
        for _ in 0..<count where !out.isEmpty {
            let i = Int.random(in: 0..<out.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: out[i] = vocabulary.randomElement(using: &rng) ?? "y"
            case 1: out.remove(at: i)
            case 2: out.insert("inserted ", at: i)
            default: out[i] = separators.randomElement(using: &rng) ?? " "
            }
        }
        return out
    }

    /// The old and new texts the ops describe.
    static func sides(_ d: TextDiff) -> (old: String, new: String) {
        var old = ""
        var new = ""
        for op in d.ops {
            switch op {
            case .equal(let s):
                old += s
                new += s
            case .delete(let s): old += s
            case .insert(let s): new += s
            }
        }
        return (old, new)
    }

    /// Checks the ops rebuild both texts byte for byte and are merged and ordered.
    static func expectValid(
        _ d: TextDiff, _ old: String, _ new: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (o, n) = sides(d)
        #expect(
            Array(o.utf8) == Array(old.utf8), "old side differs", sourceLocation: sourceLocation)
        #expect(
            Array(n.utf8) == Array(new.utf8), "new side differs", sourceLocation: sourceLocation)
        #expect(d.ops.allSatisfy { !$0.text.isEmpty }, sourceLocation: sourceLocation)
        for (prev, next) in zip(d.ops, d.ops.dropFirst()) {
            switch (prev, next) {
            case (.equal, .equal), (.delete, .delete), (.insert, .insert), (.insert, .delete):
                Issue.record(
                    "unmerged or misordered ops \(prev), \(next)", sourceLocation: sourceLocation)
            default: break
            }
        }
        #expect(d.isIdentical == (old == new), sourceLocation: sourceLocation)
    }
}

@Suite struct DiffPropertyTests {
    typealias F = DiffFixture

    @Test func randomEditsRebuildBothSides() {
        for seed in UInt64(1)...400 {
            var rng = F.SeededGenerator(seed: seed)
            let base = F.text(words: Int.random(in: 0...60, using: &rng), &rng)
            let edits = Int.random(in: 0...8, using: &rng)
            let old = base.joined()
            let new = F.edited(base, edits: edits, &rng).joined()
            let d = TextDiff.words(old, new)
            F.expectValid(d, old, new)
            F.expectValid(TextDiff.words(new, old), new, old)
            // An edit touches at most 6 tokens (a 3-token piece replaced by another); the diff
            // is minimal, so it changes no more than the edits did.
            #expect(d.insertedCount + d.deletedCount <= 6 * edits, "seed \(seed)")
        }
    }

    @Test func largeOutputsWithScatteredEditsStayMinimal() {
        var rng = F.SeededGenerator(seed: 20_000)
        let words = (0..<20_000).map { "w\($0 % 997)" }
        var newWords = words
        var changed: [Int] = []
        for _ in 0..<40 {
            let i = Int.random(in: 0..<words.count, using: &rng)
            newWords[i] = "edited\(i)"
            changed.append(i)
        }
        let old = words.joined(separator: " ")
        let new = newWords.joined(separator: " ")
        let d = TextDiff.words(old, new)
        F.expectValid(d, old, new)
        let distinct = Set(changed).count
        #expect(d.deletedCount == distinct && d.insertedCount == distinct)
        #expect(!d.isWhitespaceOnly)
    }

    @Test func linePassOnLongInputGivesAValidFineDiff() {
        // 600 lines, about 6,000 tokens: the line pass runs first.
        let lines = (0..<600).map { "Line \($0) says something about topic \($0 % 7)." }
        var newLines = lines
        newLines[10] = "Line 10 says nothing about topic 3."
        newLines.insert("A brand new line.", at: 300)
        newLines.remove(at: 500)
        let old = lines.joined(separator: "\n")
        let new = newLines.joined(separator: "\n")
        let d = TextDiff.words(old, new)
        F.expectValid(d, old, new)
        let changes = d.ops.filter(\.isChange)
        #expect(
            changes == [
                .delete("something"), .insert("nothing"),
                .insert("A brand new line.\n"),
                .delete("Line 499 says something about topic 2.\n"),
            ])
    }

    @Test func longLinesAndWholeRewritesStayValid() {
        var rng = F.SeededGenerator(seed: 7)
        // One 2,500-word line with edits: the line pass yields one block, diffed by words.
        let base = (0..<2_500).map { _ in F.vocabulary.randomElement(using: &rng) ?? "x" }
        var edited = base
        for _ in 0..<30 { edited[Int.random(in: 0..<edited.count, using: &rng)] = "changed" }
        let old = base.joined(separator: " ")
        let new = edited.joined(separator: " ")
        F.expectValid(TextDiff.words(old, new), old, new)
        // Unrelated texts: everything but shared whitespace changes, and it still rebuilds.
        let other = (0..<1_000).map { "other\($0)" }.joined(separator: " ")
        let rewrite = TextDiff.words(old, other)
        F.expectValid(rewrite, old, other)
        #expect(rewrite.insertedCount == 1_000)
    }

    @Test func unrelatedHugeTextsBecomeOneReplacement() {
        // Over 20,000 tokens of edit distance: no search, one deletion and one insertion.
        let old = (0..<12_000).map { "old\($0 % 500)" }.joined(separator: " ")
        let new = (0..<12_000).map { "new\($0 % 500)" }.joined(separator: "\n")
        let d = TextDiff.words(old, new)
        #expect(d.ops == [.delete(old), .insert(new)])
        #expect(d.deletedCount == 12_000 && d.insertedCount == 12_000)
    }
}
