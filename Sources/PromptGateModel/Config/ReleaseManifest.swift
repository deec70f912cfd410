import Basics
import Foundation
import YAMLCoding

/// `prompts/<id>/release.yaml`: which version serves production, which is the canary and at
/// what percent, and the history of every promotion and rollback.
public struct ReleaseManifest: Sendable, Hashable, Codable {
    public struct Production: Sendable, Hashable, Codable {
        public var version: String
        /// SHA-256 of the version file when it was promoted: promoted versions are immutable.
        public var sha256: String
        public var gate: String?
        public var since: String

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
        /// `promote` or `rollback`.
        public var action: String
        /// `canary` or `production`.
        public var to: String
        public var version: String?
        public var percent: Int?
        public var who: String?
        public var when: String
        public var gate: String?
        /// Path → SHA-256 of the inputs the gate saw.
        public var digests: [String: String]?
        public var reason: String?
        /// The production entry a promotion to production replaced, so a rollback can
        /// restore it even when it was set before promptgate kept the history.
        public var replaced: Production?

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

    /// The versions that served production, oldest first, as the history tells it: a
    /// promotion pushes its version, a rollback pops the version it rolled back from.
    public var productionLineage: [String] {
        var lineage: [String] = []
        for event in history where event.to == "production" {
            if event.action == "promote", let version = event.version {
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
            if event.action == "promote", event.version == version, let sha = event.digests?[path] {
                return sha
            }
            if let replaced = event.replaced, replaced.version == version { return replaced.sha256 }
        }
        return nil
    }

    public static func path(prompt id: String) -> String { "prompts/\(id)/release.yaml" }

    /// Reads the manifest of a prompt; nil when it has none yet.
    public static func load(prompt id: String, root: String) throws(PromptGateError)
        -> ReleaseManifest?
    {
        let relative = path(prompt: id)
        let absolute = (root as NSString).appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: absolute) else { return nil }
        do {
            return try YAMLDecoder().decode(ReleaseManifest.self, from: data, file: relative)
        } catch {
            throw .configuration([Diagnostic(error)])
        }
    }
}
