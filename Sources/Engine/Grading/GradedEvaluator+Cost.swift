import Assertions
import Foundation
import PromptGateModel

/// `cost`: what the case's request cost, from its token counts and the model's price under
/// `prices:` in promptgate.yaml, is at most `max` US dollars.
extension GradedEvaluator {
    func cost(_ spec: AssertionSpec, _ input: GradingInput) -> GradedCheck {
        guard let limit = spec.max else { return .error("'\(spec.typeName)' needs max in USD") }
        guard let price = prices.price(for: input.model) else {
            return .error(
                "no price for model '\(input.model)': add prices: { \(input.model): { input: USD, "
                    + "output: USD } } (per million tokens) to promptgate.yaml")
        }
        guard input.promptTokens != nil || input.completionTokens != nil else {
            return .error("the provider reported no token usage, so the cost is unknown")
        }
        let usd = Self.usd(
            promptTokens: input.promptTokens ?? 0, completionTokens: input.completionTokens ?? 0,
            price: price)
        let holds = usd <= limit * (1 + 1e-12)
        let reason =
            "cost $\(Self.dollars(usd)) \(holds ? "≤" : ">") max $\(Self.dollars(limit)) "
            + "(\(input.promptTokens ?? 0)+\(input.completionTokens ?? 0) tokens of \(input.model))"
        return GradedCheck(passed: holds, score: holds ? 1 : 0, reason: reason)
            .negated(spec.negated)
    }

    /// Tokens × price per million.
    public static func usd(
        promptTokens: Int, completionTokens: Int, price: ModelPrice
    ) -> Double {
        (Double(promptTokens) * price.input + Double(completionTokens) * price.output) / 1_000_000
    }

    /// Six decimals without trailing zeros: `0.00042`.
    static func dollars(_ x: Double) -> String {
        var text = String(format: "%.6f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
