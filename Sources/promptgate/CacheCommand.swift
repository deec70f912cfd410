import Basics
import Foundation
import Store

/// `promptgate cache stats` and `promptgate cache clear [--older-than 30d]`.
enum CacheCommand {
    static let definition = CommandDefinition(
        name: "cache",
        abstract: "Show or clear the response cache in .promptgate/promptgate.db.",
        forms: [
            UsageForm("stats"),
            UsageForm(
                "clear",
                options: [
                    OptionSpec(
                        "--older-than", value: "AGE",
                        help: "Only entries older than AGE: 30d, 12h, 45m.")
                ]),
        ],
        discussion: """
            Successful responses are cached by the SHA-256 of the canonical request (never an API \
            key), one slot per repeat index; errors are never cached. run and compare use it \
            unless --no-cache.
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let action = context.arguments.positionals.first ?? ""
        let root = try context.projectRoot()
        let store = try RunStore(path: RunStore.defaultPath(root: root))
        switch action {
        case "stats":
            let s = try await store.cacheStats()
            let size = byteCountText(s.bytes)
            var text = "\(plural(s.entries, "cached response")), \(size)"
            if let oldest = s.oldest, let newest = s.newest {
                text += ", from \(oldest.prefix(19)) to \(newest.prefix(19))"
            }
            context.console.out(text + "\n")
            return .ok
        case "clear":
            let cutoff = try context.arguments.value("--older-than").map(parseAge).map {
                Date().addingTimeInterval(-$0)
            }
            let removed = try await store.clearCache(olderThan: cutoff)
            context.console.out("removed \(plural(removed, "cached response"))\n")
            return .ok
        default:
            let hint = suggestion(for: action, among: ["stats", "clear"]).map {
                "did you mean 'cache \($0)'?"
            }
            throw PromptGateError.usage(
                action.isEmpty
                    ? "cache needs an action: stats or clear" : "unknown cache action '\(action)'",
                hint: hint)
        }
    }

    /// `30d`, `12h`, `45m`, `90s` → seconds.
    static func parseAge(_ text: String) throws(PromptGateError) -> Double {
        let units: [Character: Double] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        guard let unit = text.last, let factor = units[unit], let n = Double(text.dropLast()),
            n >= 0
        else {
            throw .usage("--older-than takes an age like 30d, 12h or 45m; got '\(text)'")
        }
        return n * factor
    }
}
