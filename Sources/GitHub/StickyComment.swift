import Basics

/// The one pull-request comment promptgate keeps up to date: a hidden marker finds it again,
/// and the body is cut to fit GitHub's limit.
public struct StickyComment: Sendable, Hashable {
    /// GitHub refuses comment bodies longer than this (characters).
    public static let maxCharacters = 65_536

    /// Tells apart several sticky comments on one pull request (e.g. one per prompt).
    public var key: String

    public init(key: String = "gate") {
        self.key = key
    }

    /// The hidden first line: an HTML comment, invisible in the rendered Markdown.
    public var marker: String { "<!-- promptgate:sticky-comment:\(key) -->" }

    /// The comment's text: the marker, then `markdown`, cut (at a line) to fit the limit.
    public func body(_ markdown: String) -> String {
        let head = marker + "\n"
        let note =
            "\n\n_… cut to fit GitHub's comment limit; the full report is in the job's artifacts._\n"
        let budget = Self.maxCharacters - head.count
        guard markdown.count > budget else { return head + markdown }
        var kept = String(markdown.prefix(budget - note.count))
        if let newline = kept.lastIndex(of: "\n") { kept = String(kept[..<newline]) }
        return head + kept + note
    }

    /// Whether a comment's body is this sticky comment.
    public func matches(_ body: String) -> Bool { body.hasPrefix(marker) }
}
