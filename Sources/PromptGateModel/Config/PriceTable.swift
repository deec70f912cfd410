import Foundation

/// What a model costs, in USD per million tokens (`prices:` in promptgate.yaml).
public struct ModelPrice: Sendable, Hashable, Decodable {
    public var input: Double
    public var output: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case input, output
    }

    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        input = try c.decode(Double.self, forKey: .input)
        output = try c.decode(Double.self, forKey: .output)
        for (key, value) in [(CodingKeys.input, input), (.output, output)]
        where !(value >= 0 && value.isFinite) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "\(key.rawValue) is USD per million tokens, a number ≥ 0")
        }
    }

    /// USD for this many tokens.
    public func cost(input inputTokens: Int, output outputTokens: Int) -> Double {
        (Double(inputTokens) * input + Double(outputTokens) * output) / 1_000_000
    }
}

/// Prices by model name: the project's `prices:` over the built-in defaults.
public struct PriceTable: Sendable {
    /// List prices in USD per million tokens, taken from the providers' public price pages in
    /// June 2025. Prices change: set `prices:` in promptgate.yaml, which always wins, e.g.
    /// `prices: { gpt-4o-mini: { input: 0.15, output: 0.60 } }`.
    public static let defaults: [String: ModelPrice] = [
        "gpt-4o-mini": ModelPrice(input: 0.15, output: 0.60),
        "gpt-4o": ModelPrice(input: 2.50, output: 10.00),
        "gpt-4.1": ModelPrice(input: 2.00, output: 8.00),
        "gpt-4.1-mini": ModelPrice(input: 0.40, output: 1.60),
        "gpt-4.1-nano": ModelPrice(input: 0.10, output: 0.40),
        "o4-mini": ModelPrice(input: 1.10, output: 4.40),
        "claude-3-5-haiku": ModelPrice(input: 0.80, output: 4.00),
        "claude-3-5-sonnet": ModelPrice(input: 3.00, output: 15.00),
        "claude-sonnet-4": ModelPrice(input: 3.00, output: 15.00),
        "claude-opus-4": ModelPrice(input: 15.00, output: 75.00),
    ]
    public static let defaultsTaken = "2025-06"

    public var prices: [String: ModelPrice]

    public init(overrides: [String: ModelPrice] = [:]) {
        prices = Self.defaults.merging(overrides) { _, configured in configured }
    }

    /// The price of `model`: its exact name, else the name without a date or `-latest` suffix
    /// (`claude-3-5-haiku-20241022`, `gpt-4o-2024-08-06`). Nil when unknown: costs are then
    /// reported as unknown, never guessed.
    public func price(for model: String) -> ModelPrice? {
        if let exact = prices[model] { return exact }
        let base = Self.undated(model)
        return base == model ? nil : prices[base]
    }

    static func undated(_ model: String) -> String {
        if model.hasSuffix("-latest") { return String(model.dropLast(7)) }
        let parts = model.split(separator: "-", omittingEmptySubsequences: false)
        // -YYYYMMDD, or -YYYY-MM-DD.
        if let last = parts.last, last.count == 8, last.allSatisfy(\.isNumber) {
            return parts.dropLast().joined(separator: "-")
        }
        if parts.count > 3, parts.suffix(3).map(\.count) == [4, 2, 2],
            parts.suffix(3).allSatisfy({ $0.allSatisfy(\.isNumber) })
        {
            return parts.dropLast(3).joined(separator: "-")
        }
        return model
    }
}
