import Basics
import Foundation
import YAMLCoding

/// `prompts/<id>/release.yaml`: which version serves production, which is the canary and at
/// what percent, and the history of every adoption, promotion and rollback. The format is
/// described in docs/release-manifest.md.
public struct ReleaseManifest: Sendable, Hashable, Codable {
    public struct Production: Sendable, Hashable, Codable {
        public var version: String
        /// SHA-256 of the version file when it was promoted: promoted versions are immutable.
        public var sha256: String
        /// The gate that allowed it; nil for a version adopted without one.
        public var gate: String?
        public var since: String

        /// The keys a hand-written entry must have.
        public static let requiredKeys = ["version", "sha256", "since"]

        public init(version: String, sha256: String, gate: String?, since: String) {
            self.version = version
            self.sha256 = sha256
            self.gate = gate
            self.since = since
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case version, sha256, gate, since
        }
    }

    public struct Canary: Sendable, Hashable, Codable {
        public var version: String
        public var percent: Int
        public var sha256: String
        public var gate: String?
        public var since: String

        /// The keys a hand-written entry must have.
        public static let requiredKeys = ["version", "percent", "sha256", "since"]

        public init(version: String, percent: Int, sha256: String, gate: String?, since: String) {
            self.version = version
            self.percent = percent
            self.sha256 = sha256
            self.gate = gate
            self.since = since
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case version, percent, sha256, gate, since
        }
    }

    public struct Event: Sendable, Hashable, Codable {
        /// `adopted`, `promote` or `rollback`.
        public var action: String
        /// `canary` or `production`.
        public var to: String
        public var version: String?
        public var percent: Int?
        public var who: String?
        public var when: String
        public var gate: String?
        /// Path → SHA-256 of the inputs the gate saw; for `adopted`, of the version file.
        public var digests: [String: String]?
        public var reason: String?
        /// The production entry a promotion to production replaced, so a rollback can
        /// restore it even when it was set before promptgate kept the history.
        public var replaced: Production?

        /// The keys a hand-written entry must have.
        public static let requiredKeys = ["action", "to", "when"]

        public init(
            action: String, to: String, version: String?, percent: Int? = nil, who: String?,
            when: String, gate: String? = nil, digests: [String: String]? = nil,
            reason: String? = nil, replaced: Production? = nil
        ) {
            self.action = action
            self.to = to
            self.version = version
            self.percent = percent
            self.who = who
            self.when = when
            self.gate = gate
            self.digests = digests
            self.reason = reason
            self.replaced = replaced
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case action, to, version, percent, who, when, gate, digests, reason, replaced
        }
    }

    public var prompt: String
    public var production: Production?
    public var canary: Canary?
    public var history: [Event]

    /// The keys a hand-written manifest must have at the top.
    public static let requiredKeys = ["prompt"]

    public init(
        prompt: String, production: Production? = nil, canary: Canary? = nil, history: [Event] = []
    ) {
        self.prompt = prompt
        self.production = production
        self.canary = canary
        self.history = history
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case prompt, production, canary, history
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        prompt = try c.decode(String.self, forKey: .prompt)
        production = try c.decodeIfPresent(Production.self, forKey: .production)
        canary = try c.decodeIfPresent(Canary.self, forKey: .canary)
        history = try c.decodeIfPresent([Event].self, forKey: .history) ?? []
        if let p = canary?.percent, !(1...100).contains(p) {
            throw DecodingError.dataCorruptedError(
                forKey: .canary, in: c,
                debugDescription: "canary percent must be between 1 and 100, got \(p)")
        }
    }

    /// The versions that served production, oldest first, as the history tells it: an
    /// adoption or a promotion pushes its version, a rollback pops the version it rolled
    /// back from.
    public var productionLineage: [String] {
        var lineage: [String] = []
        for event in history where event.to == "production" {
            if event.action == "promote" || event.action == "adopted", let version = event.version {
                if lineage.isEmpty, let replaced = event.replaced {
                    lineage.append(replaced.version)
                }
                if lineage.last != version { lineage.append(version) }
            } else if event.action == "rollback" {
                if !lineage.isEmpty { lineage.removeLast() }
                if let version = event.version, lineage.last != version { lineage.append(version) }
            }
        }
        return lineage
    }

    /// The SHA-256 a version had when it last served production, from the history.
    public func recordedProductionSHA256(version: String, path: String) -> String? {
        for event in history.reversed() where event.to == "production" {
            if event.action == "promote" || event.action == "adopted", event.version == version,
                let sha = event.digests?[path]
            {
                return sha
            }
            if let replaced = event.replaced, replaced.version == version { return replaced.sha256 }
        }
        return nil
    }

    public static func path(prompt id: String) -> String { "prompts/\(id)/release.yaml" }

    /// Reads the manifest of a prompt; nil when it has none yet. A manifest that does not
    /// decode is reported with every missing required key at once (``missingKeys(in:)``),
    /// not one per attempt.
    public static func load(prompt id: String, root: String) throws(PromptGateError)
        -> ReleaseManifest?
    {
        let relative = path(prompt: id)
        let absolute = (root as NSString).appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: absolute) else { return nil }
        return try decode(data, file: relative)
    }

    /// Decodes a manifest's text; `file` names it in diagnostics.
    public static func decode(_ data: Data, file: String) throws(PromptGateError)
        -> ReleaseManifest
    {
        do {
            return try YAMLDecoder().decode(ReleaseManifest.self, from: data, file: file)
        } catch {
            let source = SourceFile(path: file, absolutePath: file, bytes: [UInt8](data))
            var diagnostics = missingKeys(in: source)
            // The decoder stops at the first missing key, which the list already holds.
            let listed =
                error.message.hasPrefix("missing required key")
                && diagnostics.contains {
                    $0.line == error.mark.line && $0.column == error.mark.column
                }
            if !listed { diagnostics.append(Diagnostic(error)) }
            throw .configuration(diagnostics.sorted())
        }
    }

    /// One diagnostic per mapping that lacks required keys, naming all of them, at the
    /// mapping's position: the top, `production`, `canary`, each `history` entry and its
    /// `replaced`. Nothing when the text is not YAML (the decoder reports that).
    public static func missingKeys(in source: SourceFile) -> [Diagnostic] {
        guard let root = try? YAMLParser.parse(source.bytes, file: source.path) else { return [] }
        var out: [Diagnostic] = []
        func check(_ node: YAMLNode?, _ path: String, _ required: [String]) {
            guard let node, case .mapping(let entries, let mark) = node else { return }
            let present = Set(entries.compactMap(\.key.scalarValue))
            let missing = required.filter { !present.contains($0) }
            guard !missing.isEmpty else { return }
            let names = missing.map { "'\($0)'" }.joined(separator: ", ")
            out.append(
                Diagnostic(
                    at: mark, path: path,
                    message: "missing required key\(missing.count == 1 ? "" : "s") \(names)",
                    sourceLine: source.line(mark.line)))
        }
        check(root, "", requiredKeys)
        check(root["production"], "production", Production.requiredKeys)
        check(root["canary"], "canary", Canary.requiredKeys)
        if case .sequence(let events, _)? = root["history"] {
            for (index, event) in events.enumerated() {
                check(event, "history[\(index)]", Event.requiredKeys)
                check(event["replaced"], "history[\(index)].replaced", Production.requiredKeys)
            }
        }
        return out
    }
}
