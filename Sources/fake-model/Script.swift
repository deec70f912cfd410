import Foundation
import Synchronization

/// The rules of a `--script` file plus the per-rule counters `replies` cycles with.
final class Script: Sendable {
    let rules: [ScriptRule]
    private let hits: Mutex<[Int]>

    init(rules: [ScriptRule]) {
        self.rules = rules
        hits = Mutex([Int](repeating: 0, count: rules.count))
    }

    /// Loads and validates a script file.
    static func load(path: String) throws(ScriptError) -> Script {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptError("cannot read script '\(path)'")
        }
        guard let root = JSON.object(Array(data)), let list = root["rules"] as? [Any] else {
            throw ScriptError("script '\(path)' must be a JSON object with a \"rules\" array")
        }
        var rules: [ScriptRule] = []
        for (index, item) in list.enumerated() {
            guard let object = item as? [String: Any] else {
                throw ScriptError("script '\(path)' rule \(index + 1): must be an object")
            }
            do {
                rules.append(try ScriptRule(json: object))
            } catch {
                throw ScriptError("script '\(path)' rule \(index + 1): \(error.description)")
            }
        }
        return Script(rules: rules)
    }

    /// The first rule matching the request and how many earlier requests it matched.
    /// A rule with `times` applies to that many matching requests, then is passed over.
    func firstMatch(text: String, toolResult: String?, model: String) -> (
        rule: ScriptRule, hit: Int
    )? {
        for (index, rule) in rules.enumerated()
        where rule.matches(text: text, toolResult: toolResult, model: model) {
            let hit = hits.withLock { hits -> Int? in
                if let times = rule.times, hits[index] >= times { return nil }
                defer { hits[index] += 1 }
                return hits[index]
            }
            if let hit { return (rule, hit) }
        }
        return nil
    }
}
