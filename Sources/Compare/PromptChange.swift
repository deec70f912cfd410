import PromptGateModel
import Providers

/// What changed between the two sides' prompt versions: their messages, model settings and
/// changelogs, for reviewers to read beside the output diffs. Plain text; the renderers diff
/// and escape it.
public struct PromptChange: Sendable, Hashable {
    /// One side's prompt version as a reviewer reads it.
    public struct Side: Sendable, Hashable {
        public var ref: String
        /// `role` and template text of each message, in order.
        public var messages: [Message]
        /// `name: value` of each model setting the version sets (provider, model, params).
        public var settings: [String]
        public var changelog: String?

        public struct Message: Sendable, Hashable {
            public var role: String
            public var content: String
        }

        public init(ref: String, version: PromptVersion) {
            self.ref = ref
            messages = version.messages.map { Message(role: $0.role, content: $0.content.text) }
            changelog = version.changelog
            let model = version.model
            var lines: [String] = ["provider: \(model.provider ?? "default")"]
            if let name = model.model { lines.append("model: \(name)") }
            let p = model.params
            if let v = p.temperature { lines.append("temperature: \(Self.number(v))") }
            if let v = p.maxTokens { lines.append("max_tokens: \(v)") }
            if let v = p.topP { lines.append("top_p: \(Self.number(v))") }
            if let v = p.seed { lines.append("seed: \(v)") }
            if let v = p.stop { lines.append("stop: \(v)") }
            if let v = p.responseFormat { lines.append("response_format: \(v.displayText)") }
            settings = lines
        }

        static func number(_ x: Double) -> String {
            x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        }
    }

    public var base: Side
    public var candidate: Side

    public init(base: Side, candidate: Side) {
        self.base = base
        self.candidate = candidate
    }

    /// The change between two stored runs' prompt versions as the project's files hold them
    /// now; nil when either version has no file any more.
    public static func of(base: RunInfo, candidate: RunInfo, project: Project) -> PromptChange? {
        guard let old = project.prompt(base.promptID, version: base.promptVersion),
            let new = project.prompt(candidate.promptID, version: candidate.promptVersion)
        else { return nil }
        return PromptChange(
            base: Side(ref: base.promptRef, version: old.version),
            candidate: Side(ref: candidate.promptRef, version: new.version))
    }

    /// Message pairs by position: (index, base message, candidate message); a side without
    /// that message gives nil.
    public var messagePairs: [(index: Int, base: Side.Message?, candidate: Side.Message?)] {
        let count = max(base.messages.count, candidate.messages.count)
        return (0..<count).map { i in
            (
                i, i < base.messages.count ? base.messages[i] : nil,
                i < candidate.messages.count ? candidate.messages[i] : nil
            )
        }
    }

    /// Settings only one side has (a changed value is one removed line and one added line).
    public var removedSettings: [String] {
        base.settings.filter { !candidate.settings.contains($0) }
    }
    public var addedSettings: [String] { candidate.settings.filter { !base.settings.contains($0) } }

    /// Whether messages and settings are the same (changelogs aside).
    public var isIdentical: Bool {
        base.messages == candidate.messages && base.settings == candidate.settings
    }
}
