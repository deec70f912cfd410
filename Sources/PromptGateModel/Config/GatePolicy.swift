import Foundation

/// The `gate:` section of `promptgate.yaml`: what a candidate must satisfy to be promoted.
///
/// The gate command (a later milestone) applies it; this build validates it so a typo in a
/// policy is caught before the first gate runs.
public struct GatePolicy: Sendable, Hashable, Decodable {
    public enum Inconclusive: String, Sendable, Hashable, Decodable, CaseIterable {
        case pass, warn, block
    }

    public var minPassRate: Double?
    public var maxRegressions: Int?
    public var criticalTags: [String]?
    public var perTagMinPassRate: [String: Double]?
    public var blockOn: [String]?
    public var alpha: Double?
    public var inconclusive: Inconclusive?
    public var maxCostIncrease: Double?
    public var maxP95LatencyMs: Double?
    public var knownFailures: [String]?
    /// `non_inferiority_margin`: the statistical rule passes only when the candidate is shown
    /// to be at most this much worse (upper bound of the paired interval for base −
    /// candidate below it); otherwise `inconclusive` says whether it blocks or warns.
    public var nonInferiorityMargin: Double?
    /// `min_pass_hat_k`: with `--repeat k`, the share of cases whose every repeat passes.
    public var minPassHatK: Double?
    /// `count_judge_disagreements`: whether a regression in a case where the judge
    /// disagreed with itself (`judge: { repeat: k }`) counts; by default it is flagged only.
    public var countJudgeDisagreements: Bool?

    public init() {}

    /// Settings here win over `base` (a suite's `gate:` over the project's).
    public func overriding(_ base: GatePolicy) -> GatePolicy {
        var out = base
        if let v = minPassRate { out.minPassRate = v }
        if let v = maxRegressions { out.maxRegressions = v }
        if let v = criticalTags { out.criticalTags = v }
        if let v = perTagMinPassRate { out.perTagMinPassRate = v }
        if let v = blockOn { out.blockOn = v }
        if let v = alpha { out.alpha = v }
        if let v = inconclusive { out.inconclusive = v }
        if let v = maxCostIncrease { out.maxCostIncrease = v }
        if let v = maxP95LatencyMs { out.maxP95LatencyMs = v }
        if let v = knownFailures { out.knownFailures = v }
        if let v = nonInferiorityMargin { out.nonInferiorityMargin = v }
        if let v = minPassHatK { out.minPassHatK = v }
        if let v = countJudgeDisagreements { out.countJudgeDisagreements = v }
        return out
    }

    /// The policy as canonical JSON (sorted keys): what a gate record stores and hashes.
    public var canonicalJSON: String {
        var o: [String: Any] = [:]
        if let v = minPassRate { o["min_pass_rate"] = v }
        if let v = maxRegressions { o["max_regressions"] = v }
        if let v = criticalTags { o["critical_tags"] = v }
        if let v = perTagMinPassRate { o["per_tag_min_pass_rate"] = v }
        if let v = blockOn { o["block_on"] = v }
        if let v = alpha { o["alpha"] = v }
        if let v = inconclusive { o["inconclusive"] = v.rawValue }
        if let v = maxCostIncrease { o["max_cost_increase"] = v }
        if let v = maxP95LatencyMs { o["max_p95_latency_ms"] = v }
        if let v = knownFailures { o["known_failures"] = v }
        if let v = nonInferiorityMargin { o["non_inferiority_margin"] = v }
        if let v = minPassHatK { o["min_pass_hat_k"] = v }
        if let v = countJudgeDisagreements { o["count_judge_disagreements"] = v }
        let data =
            (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case minPassRate = "min_pass_rate"
        case maxRegressions = "max_regressions"
        case criticalTags = "critical_tags"
        case perTagMinPassRate = "per_tag_min_pass_rate"
        case blockOn = "block_on"
        case alpha, inconclusive
        case maxCostIncrease = "max_cost_increase"
        case maxP95LatencyMs = "max_p95_latency_ms"
        case knownFailures = "known_failures"
        case nonInferiorityMargin = "non_inferiority_margin"
        case minPassHatK = "min_pass_hat_k"
        case countJudgeDisagreements = "count_judge_disagreements"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minPassRate = try c.decodeIfPresent(Double.self, forKey: .minPassRate)
        maxRegressions = try c.decodeIfPresent(Int.self, forKey: .maxRegressions)
        criticalTags = try c.decodeIfPresent([String].self, forKey: .criticalTags)
        perTagMinPassRate = try c.decodeIfPresent([String: Double].self, forKey: .perTagMinPassRate)
        if let one = try? c.decodeIfPresent(String.self, forKey: .blockOn) {
            blockOn = [one]
        } else {
            blockOn = try c.decodeIfPresent([String].self, forKey: .blockOn)
        }
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha)
        if let raw = try c.decodeIfPresent(String.self, forKey: .inconclusive) {
            guard let value = Inconclusive(rawValue: raw) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .inconclusive, in: c,
                    debugDescription: "inconclusive must be one of pass, warn, block; got '\(raw)'")
            }
            inconclusive = value
        }
        maxCostIncrease = try c.decodeIfPresent(Double.self, forKey: .maxCostIncrease)
        maxP95LatencyMs = try c.decodeIfPresent(Double.self, forKey: .maxP95LatencyMs)
        knownFailures = try c.decodeIfPresent([String].self, forKey: .knownFailures)
        nonInferiorityMargin = try c.decodeIfPresent(Double.self, forKey: .nonInferiorityMargin)
        minPassHatK = try c.decodeIfPresent(Double.self, forKey: .minPassHatK)
        countJudgeDisagreements = try c.decodeIfPresent(
            Bool.self, forKey: .countJudgeDisagreements)

        func rate(_ value: Double?, _ key: CodingKeys) throws {
            if let v = value, !(0...1).contains(v) {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c,
                    debugDescription: "\(key.rawValue) is a fraction between 0 and 1, got \(v)")
            }
        }
        try rate(minPassRate, .minPassRate)
        try rate(alpha, .alpha)
        try rate(minPassHatK, .minPassHatK)
        if let v = nonInferiorityMargin, !(v > 0 && v < 1) {
            throw DecodingError.dataCorruptedError(
                forKey: .nonInferiorityMargin, in: c,
                debugDescription:
                    "non_inferiority_margin is a pass-rate difference between 0 and 1 (0.02 = 2 points), got \(v)"
            )
        }
        for (tag, v) in perTagMinPassRate ?? [:] where !(0...1).contains(v) {
            throw DecodingError.dataCorruptedError(
                forKey: .perTagMinPassRate, in: c,
                debugDescription:
                    "per_tag_min_pass_rate for '\(tag)' must be between 0 and 1, got \(v)")
        }
        if let n = maxRegressions, n < 0 {
            throw DecodingError.dataCorruptedError(
                forKey: .maxRegressions, in: c,
                debugDescription: "max_regressions cannot be negative")
        }
        let blockable = ["worse", "inconclusive"]
        for item in blockOn ?? [] where !blockable.contains(item) {
            throw DecodingError.dataCorruptedError(
                forKey: .blockOn, in: c,
                debugDescription: "block_on takes 'worse' or 'inconclusive', got '\(item)'")
        }
        if blockOn?.contains("inconclusive") == true, inconclusive == .pass {
            throw DecodingError.dataCorruptedError(
                forKey: .inconclusive, in: c,
                debugDescription:
                    "inconclusive: pass contradicts block_on: inconclusive; keep one of them")
        }
    }
}
