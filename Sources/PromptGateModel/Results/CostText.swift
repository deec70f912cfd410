import Foundation

/// How reports write amounts of money and the cost of a run.
package enum CostText {
    /// `$12.34`, `$0.0123` or `$0.000123`: enough digits for a single cheap request.
    package static func usd(_ amount: Double) -> String {
        if amount == 0 { return "$0" }
        if amount >= 1 { return String(format: "$%.2f", amount) }
        if amount >= 0.01 { return String(format: "$%.4f", amount) }
        return String(format: "$%.6f", amount)
    }

    /// A JSON number with 8 decimals, or null when the price is unknown.
    package static func json(_ amount: Double?) -> Any {
        amount.map { ($0 * 100_000_000).rounded() / 100_000_000 } ?? NSNull()
    }

    /// `cost $0.0123 at list price ($0.0040 spent on requests sent)`, or `cost unknown (…)`.
    package static func line(_ s: RunSummary) -> String {
        guard let cost = s.costUSD else {
            return "cost unknown (no price for the model: add it under prices: in promptgate.yaml)"
        }
        var out = "cost \(usd(cost)) at list price"
        if let spent = s.spentUSD, abs(spent - cost) > 1e-12 {
            out += " (\(usd(spent)) spent on requests sent)"
        }
        return out
    }

    /// `$0.0123 (tokens 1200+340)` or `unknown (tokens 1200+340)`, for one side of a compare.
    package static func side(_ s: RunSummary?) -> String {
        guard let s else { return "unknown" }
        return "\(s.costUSD.map(usd) ?? "unknown") (tokens \(s.promptTokens)+\(s.completionTokens))"
    }
}
