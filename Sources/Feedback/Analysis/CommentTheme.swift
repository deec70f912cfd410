/// What a user's comment complains about, found by keyword groups.
///
/// Keywords are stems matched against the start of each lowercased word (`translat` matches
/// `translated`) or phrases of such stems. The groups are tried in order and a matched phrase
/// is used up, so "wrong language" counts as a language complaint and not as a wrong answer.
public struct CommentTheme: Sendable, Hashable {
    /// A short name: `language`, `formatting`, `too-long`, …
    public var name: String
    /// What it means, for reports.
    public var label: String
    /// Stems and phrases (space-separated stems).
    public var keywords: [String]

    public init(name: String, label: String, keywords: [String]) {
        self.name = name
        self.label = label
        self.keywords = keywords
    }

    /// The built-in groups, most specific first.
    public static let all: [CommentTheme] = [
        CommentTheme(
            name: "language", label: "wrong language / translation",
            keywords: [
                "wrong language", "in my language", "language", "english", "spanish", "german",
                "french", "portuguese", "italian", "dutch", "japanese", "chinese", "korean",
                "russian", "arabic", "translat", "idioma", "sprache", "langue", "língua",
                "lingua",
            ]),
        CommentTheme(
            name: "formatting", label: "formatting / code",
            keywords: [
                "format", "code", "markdown", "indent", "syntax", "snippet", "fence", "compil",
                "bracket", "render", "json", "table",
            ]),
        CommentTheme(
            name: "too-long", label: "too long / verbose",
            keywords: [
                "too long", "verbose", "wordy", "shorter", "concise", "rambl", "long winded",
                "tl dr", "tldr", "lengthy", "wall of text", "too much text",
            ]),
        CommentTheme(
            name: "incomplete", label: "too short / incomplete",
            keywords: [
                "too short", "incomplete", "cut off", "truncat", "more detail", "not enough",
                "vague", "missing", "unfinished",
            ]),
        CommentTheme(
            name: "slow", label: "slow",
            keywords: ["slow", "took forever", "timeout", "timed out", "latency", "waited"]),
        CommentTheme(
            name: "refusal", label: "refused to answer",
            keywords: ["refus", "won't help", "can't help", "cannot help", "declin"]),
        CommentTheme(
            name: "tone", label: "tone",
            keywords: ["rude", "tone", "condescend", "robotic", "patroniz", "as an ai", "sarcas"]),
        CommentTheme(
            name: "unhelpful", label: "unhelpful / off topic",
            keywords: [
                "unhelpful", "useless", "not helpful", "didn't help", "did not help",
                "doesn't answer", "didn't answer", "irrelevant", "off topic", "not what i asked",
            ]),
        CommentTheme(
            name: "wrong", label: "wrong / not our policy",
            keywords: [
                "wrong", "incorrect", "not true", "untrue", "inaccura", "false", "policy",
                "not our", "outdated", "hallucinat", "made up", "doesn't exist",
                "does not exist", "mistake", "misleading", "error",
            ]),
    ]

    /// The themes of `text` (a comment or a follow-up), in the order of ``all``.
    public static func themes(of text: String, among themes: [CommentTheme] = all) -> [String] {
        var words = words(of: text)
        guard !words.isEmpty else { return [] }
        var out: [String] = []
        for theme in themes {
            var matched = false
            for keyword in theme.keywords {
                let stems = keyword.split(separator: " ").map(String.init)
                while let start = find(stems, in: words) {
                    matched = true
                    for index in start..<(start + stems.count) { words[index] = "" }
                }
            }
            if matched { out.append(theme.name) }
        }
        return out
    }

    /// Lowercased words; apostrophes stay inside words (`didn't`), other punctuation splits.
    static func words(of text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "'" || character == "’" {
                current.append(character == "’" ? "'" : character)
            } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Where the stems match consecutive words (the last stem as a prefix, the others whole
    /// or as prefixes too), or nil.
    private static func find(_ stems: [String], in words: [String]) -> Int? {
        guard !stems.isEmpty, words.count >= stems.count else { return nil }
        for start in 0...(words.count - stems.count) {
            var all = true
            for (offset, stem) in stems.enumerated() {
                let word = words[start + offset]
                if word.isEmpty || !word.hasPrefix(stem) {
                    all = false
                    break
                }
            }
            if all { return start }
        }
        return nil
    }
}

extension CommentTheme {
    /// The themes of what the user said about a response: its comment and follow-up text.
    static func themes(of record: FeedbackRecord) -> [String] {
        switch (record.comment, record.followUpText) {
        case (nil, nil): return []
        case (let comment?, nil): return themes(of: comment)
        case (nil, let followUp?): return themes(of: followUp)
        case (let comment?, let followUp?): return themes(of: comment + "\n" + followUp)
        }
    }
}
