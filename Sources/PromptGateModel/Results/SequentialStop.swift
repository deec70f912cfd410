import Foundation

/// Where and why a `--sequential` compare stopped, stored with both of its runs: what makes
/// a `stopped-early` run complete evidence for that compare (and nothing else).
public struct SequentialStop: Sendable, Hashable, Codable {
    /// Why the compare stopped.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The candidate is significantly worse: the boundary was crossed for harm.
        case harm
        /// The candidate is significantly better (so non-inferior at any margin).
        case benefit
        /// The repeated interval's upper bound for base − candidate fell below the margin.
        case nonInferior = "non-inferior"
        /// Every case ran; no boundary was crossed before the last look.
        case end
    }

    /// Planned looks.
    public var looks: Int
    /// The look (1-based) at which the compare stopped.
    public var look: Int
    /// Cases (suite/id pairs, all their repeats) the compare had run on both sides when it
    /// stopped: the first this many in ``SequentialOrder``.
    public var stoppedAtCases: Int
    /// Cases of the suites on the larger side.
    public var plannedCases: Int
    public var reason: Reason
    /// α spent up to the stopping look (Lan–DeMets O'Brien–Fleming), of ``alpha``.
    public var alphaSpent: Double
    public var alpha: Double
    /// The look's two-sided boundary and McNemar z on the discordant pairs (positive: the
    /// candidate is worse).
    public var boundary: Double
    public var z: Double
    /// The non-inferiority margin the rule used, when one was given.
    public var margin: Double?
    /// Case × repeat requests not sent on the two sides together because of the stop.
    public var savedRequests: Int

    public init(
        looks: Int, look: Int, stoppedAtCases: Int, plannedCases: Int, reason: Reason,
        alphaSpent: Double, alpha: Double, boundary: Double, z: Double, margin: Double?,
        savedRequests: Int
    ) {
        self.looks = looks
        self.look = look
        self.stoppedAtCases = stoppedAtCases
        self.plannedCases = plannedCases
        self.reason = reason
        self.alphaSpent = alphaSpent
        self.alpha = alpha
        self.boundary = boundary
        self.z = z
        self.margin = margin
        self.savedRequests = savedRequests
    }

    /// Stopped before the last look.
    public var stoppedEarly: Bool { reason != .end }

    /// "stopped at look 3 of 10 (600 of 2000 cases): candidate significantly worse (z = 4.1 ≥
    /// 3.93, α spent 0.0013 of 0.05); 2800 requests saved".
    public var line: String {
        let why: String
        switch reason {
        case .harm: why = "candidate significantly worse"
        case .benefit: why = "candidate significantly better"
        case .nonInferior:
            why = "non-inferiority shown (margin \(Self.format(margin ?? 0)))"
        case .end: why = "no boundary crossed before the last look"
        }
        let stat =
            "z = \(Self.format(z)), boundary ±\(Self.format(boundary)), α spent \(Self.format(alphaSpent)) of \(Self.format(alpha))"
        let prefix =
            stoppedEarly
            ? "stopped at look \(look) of \(looks) (\(stoppedAtCases) of \(plannedCases) cases)"
            : "ran to the end (look \(looks) of \(looks), \(plannedCases) cases)"
        let saved = stoppedEarly ? "; \(savedRequests) requests saved" : ""
        return "sequential: \(prefix): \(why) (\(stat))\(saved)"
    }

    static func format(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x.magnitude < 0.001 { return String(format: "%.2g", x) }
        return String(format: "%.4g", x)
    }
}
