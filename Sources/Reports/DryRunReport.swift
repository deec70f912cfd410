import Basics
import Engine
import Foundation
import PromptGateModel

/// `--dry-run` output: what would be sent and what it may cost, per side.
extension DryRunEstimate {
    /// The JSON object of one estimate, keys sorted by the caller's serializer.
    public var jsonObject: [String: Any] {
        var o: [String: Any] = [
            "prompt": promptRef, "model": model, "requests": requests, "cached": cached,
            "recorded": recorded, "missing_recordings": missingRecordings, "shared": shared,
            "to_send": toSend, "input_tokens_estimate": inputTokens,
            "output_tokens_max": outputTokens ?? NSNull(),
            "cost_bound_usd": CostText.json(costBoundUSD),
        ]
        o["price"] = price.map { ["input": $0.input, "output": $0.output] } ?? NSNull()
        o["reused_run"] = reusedRun ?? NSNull()
        return o
    }

    /// The text block of one estimate (names from the files made terminal-safe).
    public func text(label: String? = nil) -> String {
        let title = label.map { "\($0) " } ?? ""
        let promptRef = TerminalText.sanitize(promptRef)
        let model = TerminalText.sanitize(model)
        if let reusedRun {
            return "\(title)\(promptRef): reuses stored run \(reusedRun); nothing to send\n"
        }
        var out = "\(title)\(promptRef) on \(model)\n"
        out += "  requests          \(requests)\n"
        if cached > 0 { out += "  from cache        \(cached)\n" }
        if recorded > 0 { out += "  from recordings   \(recorded)\n" }
        if missingRecordings > 0 {
            out += "  no recording      \(missingRecordings) (an offline run would stop)\n"
        }
        if shared > 0 { out += "  duplicates        \(shared) (sent once, shared)\n" }
        out += "  to send           \(toSend)\n"
        out += "  input tokens    ≈ \(inputTokens) (rendered characters ÷ 4)\n"
        if let outputTokens {
            out += "  output tokens   ≤ \(outputTokens) (max_tokens × requests to send)\n"
        } else {
            out += "  output tokens     unbounded: no max_tokens is set\n"
        }
        switch (costBoundUSD, price) {
        case (let bound?, let price?):
            out +=
                "  cost            ≤ \(CostText.usd(bound)) (\(model) at $\(Self.number(price.input)) in, $\(Self.number(price.output)) out per million tokens)\n"
        case (nil, _?):
            out += "  cost              no bound without max_tokens\n"
        default:
            out += "  cost              unknown: no price for \(model) (add it under prices:)\n"
        }
        return out
    }

    /// `0.15`, `20000`: a price as written in promptgate.yaml.
    static func number(_ x: Double) -> String { String(format: "%g", x) }

    /// Sum of the sides' bounds; nil when any side has none.
    static func total(_ sides: [DryRunEstimate]) -> Double? {
        var sum = 0.0
        for side in sides where side.toSend > 0 {
            guard let bound = side.costBoundUSD else { return nil }
            sum += bound
        }
        return sum
    }

    /// The report of `run --dry-run` (one side) or `compare --dry-run` (two).
    public static func report(_ sides: [DryRunEstimate], labels: [String], json: Bool) -> String {
        if json {
            var object: [String: Any] = ["cost_bound_usd": CostText.json(total(sides))]
            if sides.count == 1 {
                object.merge(sides[0].jsonObject) { _, side in side }
            } else {
                for (label, side) in zip(labels, sides) { object[label] = side.jsonObject }
            }
            return (try? JSONText.pretty(object)) ?? "\n"
        }
        var out = "dry run: nothing was sent\n"
        for (index, side) in sides.enumerated() {
            out += side.text(label: sides.count > 1 ? labels[index] : nil)
        }
        if sides.count > 1 {
            let total = total(sides).map { "≤ \(CostText.usd($0))" } ?? "unknown"
            out += "total cost \(total)\n"
        }
        return out
    }
}
