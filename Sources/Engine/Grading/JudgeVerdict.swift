import Assertions
import Foundation

/// What a judge (or a `command` check) decided about one output.
public struct JudgeVerdict: Sendable, Hashable {
    public var pass: Bool
    /// Whether the verdict said `pass` (or gave a `category`). When it did not, `pass` is only
    /// `score ≥ 0.5`, and a judge assertion without a `threshold` does not take it: it fails
    /// with `judge verdict has no pass field`.
    public var passStated: Bool
    /// In 0…1.
    public var score: Double
    public var reason: String
    /// The `category` of a `factuality` verdict, when the judge gave one.
    public var category: FactualityCategory?

    public init(
        pass: Bool, score: Double, reason: String, category: FactualityCategory? = nil,
        passStated: Bool = true
    ) {
        self.pass = pass
        self.passStated = passStated
        self.score = score
        self.reason = reason
        self.category = category
    }

    /// Reads `{pass, score, reason}` (and `category`) from a model's or program's reply.
    ///
    /// Tolerant of what models do: the object may sit in a ```json fence or among prose,
    /// use single quotes, Python's `True`/`False` or trailing commas. `pass` may be a boolean,
    /// `"yes"`/`"no"`, `"true"`/`"false"`, `"pass"`/`"fail"` or 1/0; `score` a number or a
    /// numeric string, clamped to 0…1. A missing score is 1 for a pass and 0 for a failure; a
    /// missing pass is score ≥ 0.5 with `passStated` false (judges then decide only by a
    /// `threshold`). The first object with a usable `pass`, `score` or
    /// `category` wins. Anything else is `nil`: an unparseable verdict, never a pass.
    public static func parse(_ text: String) -> JudgeVerdict? {
        for object in VerdictJSON.objects(in: text) {
            if let verdict = from(object) { return verdict }
        }
        return nil
    }

    /// A verdict from a decoded object; keys are matched ignoring case.
    static func from(_ raw: [String: Any]) -> JudgeVerdict? {
        var object: [String: Any] = [:]
        for (key, value) in raw { object[key.lowercased()] = value }
        let category = (object["category"] ?? object["choice"] ?? object["classification"])
            .flatMap { $0 as? String }.flatMap(FactualityCategory.init(loose:))
        let pass = (object["pass"] ?? object["passed"] ?? object["verdict"]).flatMap(boolean)
        let score = object["score"].flatMap(number).map { Swift.min(1, Swift.max(0, $0)) }
        let reason =
            (object["reason"] ?? object["explanation"] ?? object["reasoning"])
            .map { ($0 as? String) ?? "\($0)" } ?? ""
        switch (pass, score) {
        case (let pass?, let score?):
            return JudgeVerdict(pass: pass, score: score, reason: reason, category: category)
        case (let pass?, nil):
            return JudgeVerdict(
                pass: pass, score: pass ? 1 : 0, reason: reason, category: category)
        case (nil, let score?):
            return JudgeVerdict(
                pass: score >= 0.5, score: score, reason: reason, category: category,
                passStated: category != nil)
        case (nil, nil):
            guard let category else { return nil }
            let pass = category.passesByDefault
            return JudgeVerdict(
                pass: pass, score: pass ? 1 : 0, reason: reason, category: category)
        }
    }

    static func boolean(_ value: Any) -> Bool? {
        if let number = value as? NSNumber {
            // JSONSerialization gives booleans as NSNumber too; 1/0 and true/false both work.
            if isBoolean(number) { return number.boolValue }
            switch number.doubleValue {
            case 1: return true
            case 0: return false
            default: return nil
            }
        }
        guard let text = value as? String else { return nil }
        switch text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "true", "yes", "y", "pass", "passed", "1", "correct": return true
        case "false", "no", "n", "fail", "failed", "0", "incorrect": return false
        default: return nil
        }
    }

    /// JSON `true`/`false` (decoded as a `char` or `BOOL` NSNumber), not 1/0.
    static func isBoolean(_ number: NSNumber) -> Bool {
        let type = String(cString: number.objCType)
        return type == "c" || type == "B"
    }

    static func number(_ value: Any) -> Double? {
        if let number = value as? NSNumber {
            if isBoolean(number) { return nil }
            let double = number.doubleValue
            return double.isFinite ? double : nil
        }
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix("%"), let percent = Double(trimmed.dropLast()), percent.isFinite {
            return percent / 100
        }
        guard let double = Double(trimmed), double.isFinite else { return nil }
        return double
    }

    /// `judge verdict unparseable: '…'`: the reason of an assertion whose verdict could not be
    /// read.
    static func unparseableReason(_ raw: String, source: String = "judge") -> String {
        let shown = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(source) verdict unparseable: "
            + (shown.isEmpty ? "(empty reply)" : AssertionText.quote(shown, limit: 160))
    }

    /// The reason of a judge assertion without a `threshold` whose verdict gave a score but
    /// no `pass`: the judge did not decide, so the assertion fails.
    static let noPassReason = "judge verdict has no pass field"
}
