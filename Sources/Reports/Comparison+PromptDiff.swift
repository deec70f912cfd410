import Basics
import Compare
import Diff
import Foundation

/// The prompt-text diff of a comparison in every format: each message's word diff, the model
/// settings removed and added, and both changelogs. Prompt text is the user's own, but it is
/// still escaped like any other text (a template may hold anything).
extension Comparison {
    /// Characters of one message's diff a report shows at most.
    static let promptDiffLimit = 6_000

    /// Markdown over this many characters goes in a collapsed `<details>` block.
    static let promptDiffOpenLimit = 1_500

    /// The terminal section (empty without a prompt change to show).
    func promptDiffText(style: TerminalStyle) -> String {
        guard let change = promptChange else { return "" }
        let safe = TerminalText.sanitize
        var out = style.bold("prompt: \(safe(change.base.ref)) → \(safe(change.candidate.ref))")
        if change.isIdentical { return out + " — messages and settings identical\n\n" }
        out += "\n"
        for line in change.removedSettings { out += "  " + style.red("- " + safe(line)) + "\n" }
        for line in change.addedSettings { out += "  " + style.green("+ " + safe(line)) + "\n" }
        for pair in change.messagePairs {
            let old = pair.base?.content ?? ""
            let new = pair.candidate?.content ?? ""
            guard old != new || pair.base?.role != pair.candidate?.role else { continue }
            let role = Self.roleText(pair.base, pair.candidate)
            let diff = TextDiff.words(old, new).prefix(characters: Self.promptDiffLimit)
            out += "  message \(pair.index + 1) (\(safe(role))):\n"
            let body = style.enabled ? diff.diff.ansi() : diff.diff.markers()
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                out += "    \(line)\n"
            }
            if diff.omitted > 0 { out += "    … \(diff.omitted) more characters\n" }
        }
        if let log = change.candidate.changelog {
            out +=
                "  changelog (\(safe(change.candidate.ref))): \(safe(Self.oneLine(log, limit: 300)))\n"
        }
        return out + "\n"
    }

    /// The Markdown section: a fenced diff, collapsed when long.
    func promptDiffMarkdown() -> String {
        guard let change = promptChange else { return "" }
        let refs =
            MarkdownEscape.text(Self.clipped(change.base.ref, 200)) + " → "
            + MarkdownEscape.text(Self.clipped(change.candidate.ref, 200))
        if change.isIdentical {
            return "**Prompt:** \(refs): messages and settings identical.\n\n"
        }
        var body = ""
        if let log = change.candidate.changelog {
            body += "**Changelog** (\(MarkdownEscape.text(change.candidate.ref))): "
            body +=
                MarkdownEscape.text(Self.clipped(Self.oneLine(log, limit: 1_000), 1_000)) + "\n\n"
        }
        if !change.removedSettings.isEmpty || !change.addedSettings.isEmpty {
            let lines =
                change.removedSettings.map { "- " + $0 } + change.addedSettings.map { "+ " + $0 }
            body +=
                "**Model settings**\n\n"
                + MarkdownEscape.fenced(lines.joined(separator: "\n"), info: "diff")
            body += "\n"
        }
        for pair in change.messagePairs {
            let old = pair.base?.content ?? ""
            let new = pair.candidate?.content ?? ""
            guard old != new || pair.base?.role != pair.candidate?.role else { continue }
            let diff = TextDiff.words(old, new).prefix(characters: Self.promptDiffLimit)
            body +=
                "**Message \(pair.index + 1)** (\(MarkdownEscape.text(Self.roleText(pair.base, pair.candidate))), "
            body +=
                "`[-removed-]{+added+}`)\n\n" + MarkdownEscape.fenced(diff.diff.markers()) + "\n"
            if diff.omitted > 0 { body += "_… \(diff.omitted) more characters._\n\n" }
        }
        if body.utf16.count <= Self.promptDiffOpenLimit {
            return "### Prompt changes: \(refs)\n\n" + body
        }
        return "<details>\n<summary><b>Prompt changes</b>: \(refs)</summary>\n\n" + body
            + "</details>\n\n"
    }

    /// The HTML section (escaped; `<del>`/`<ins>` marks).
    func promptDiffHTML() -> String {
        guard let change = promptChange else { return "" }
        let e = HTMLEscape.escape
        var out = "<section class=\"prompt-diff\">\n<h2>Prompt changes: "
        out += e(change.base.ref) + " → " + e(change.candidate.ref) + "</h2>\n"
        if change.isIdentical {
            return out + "<p>Messages and settings identical.</p>\n</section>\n"
        }
        if let log = change.candidate.changelog {
            out += "<p><b>Changelog</b> (" + e(change.candidate.ref) + "): " + e(log) + "</p>\n"
        }
        if !change.removedSettings.isEmpty || !change.addedSettings.isEmpty {
            out += "<pre class=\"settings\">"
            for line in change.removedSettings { out += "<del>- " + e(line) + "</del>\n" }
            for line in change.addedSettings { out += "<ins>+ " + e(line) + "</ins>\n" }
            out += "</pre>\n"
        }
        for pair in change.messagePairs {
            let old = pair.base?.content ?? ""
            let new = pair.candidate?.content ?? ""
            guard old != new || pair.base?.role != pair.candidate?.role else { continue }
            let diff = TextDiff.words(old, new).prefix(characters: Self.promptDiffLimit)
            out += "<h3>Message \(pair.index + 1) (" + e(Self.roleText(pair.base, pair.candidate))
            out += ")</h3>\n<pre class=\"diff\" style=\"white-space: pre-wrap\">" + diff.diff.html()
            if diff.omitted > 0 { out += "\n… \(diff.omitted) more characters" }
            out += "</pre>\n"
        }
        return out + "</section>\n"
    }

    /// The JSON object: both sides in full and which messages changed.
    func promptDiffObject() -> Any {
        guard let change = promptChange else { return NSNull() }
        func side(_ s: PromptChange.Side) -> [String: Any] {
            [
                "ref": s.ref, "changelog": s.changelog ?? NSNull(), "settings": s.settings,
                "messages": s.messages.map { ["role": $0.role, "content": $0.content] },
            ]
        }
        let changed = change.messagePairs.filter {
            $0.base?.content != $0.candidate?.content || $0.base?.role != $0.candidate?.role
        }
        return [
            "base": side(change.base), "candidate": side(change.candidate),
            "identical": change.isIdentical,
            "settings_removed": change.removedSettings, "settings_added": change.addedSettings,
            "messages_changed": changed.map { pair -> [String: Any] in
                [
                    "index": pair.index,
                    "diff": TextDiff.words(pair.base?.content ?? "", pair.candidate?.content ?? "")
                        .markers(),
                ]
            },
        ]
    }

    static func roleText(_ old: PromptChange.Side.Message?, _ new: PromptChange.Side.Message?)
        -> String
    {
        switch (old?.role, new?.role) {
        case (let a?, let b?) where a != b: "\(a) → \(b)"
        case (let a?, nil): "\(a), removed"
        case (let a?, _): a
        case (nil, let b?): "\(b), added"
        default: ""
        }
    }
}
