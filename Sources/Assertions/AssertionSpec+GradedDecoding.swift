import Basics
import Templates

/// Decoding of the keys graded kinds take (``GradedOptions``), and the checks that make a
/// misconfigured graded assertion a configuration error when the suite loads.
extension AssertionSpec {
    /// The threshold `similar` uses when none is given: the least cosine that passes.
    public static let defaultSimilarThreshold = 0.75

    /// The seconds a `command` may run when no `timeout:` is given.
    public static let defaultCommandTimeout = 30.0

    mutating func decodeGradedKeys(
        typeName name: String, in container: KeyedDecodingContainer<CodingKeys>
    ) throws {
        let fail = { (key: CodingKeys, message: String) -> DecodingError in
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: message)
        }
        let allowed = Self.gradedKeys(kind)
        for key in Self.gradedKeyList
        where container.contains(key) && !allowed.contains(key) {
            throw fail(key, "'\(name)' does not take '\(key.rawValue)'")
        }
        var options = GradedOptions()
        options.provider = try Self.text(.provider, in: container, fail)
        options.model = try Self.text(.model, in: container, fail)
        if let prompt = try Self.text(.rubricPrompt, in: container, fail) {
            try Self.checkRubricPrompt(prompt) { fail(.rubricPrompt, $0) }
            options.rubricPrompt = prompt
        }
        options.verdictMap = try Self.decodeVerdictMap(in: container, fail)
        if container.contains(.timeout) {
            let seconds = try? container.decode(Double.self, forKey: .timeout)
            guard let seconds, seconds > 0, seconds.isFinite else {
                throw fail(.timeout, "timeout must be a positive number of seconds")
            }
            options.timeout = seconds
        }
        if kind == .assertSet {
            options.children = try Self.decodeChildren(typeName: name, in: container, fail)
        }
        try validateGraded(typeName: name, fail)
        graded = options.isEmpty ? nil : options
    }

    func encodeGradedKeys(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        guard let graded else { return }
        try container.encodeIfPresent(graded.provider, forKey: .provider)
        try container.encodeIfPresent(graded.model, forKey: .model)
        try container.encodeIfPresent(graded.rubricPrompt, forKey: .rubricPrompt)
        if !graded.verdictMap.isEmpty {
            let map = Dictionary(
                uniqueKeysWithValues: graded.verdictMap.map { ($0.key.rawValue, $0.value) })
            try container.encode(map.mapValues { $0 ? "pass" : "fail" }, forKey: .map)
        }
        try container.encodeIfPresent(graded.timeout, forKey: .timeout)
        if !graded.children.isEmpty { try container.encode(graded.children, forKey: .assert) }
    }

    /// Which graded keys a kind takes.
    private static let gradedKeyList: [CodingKeys] = [
        .provider, .model, .rubricPrompt, .map, .timeout, .assert,
    ]
    private static let rubricKeys: Set<CodingKeys> = [.provider, .model, .rubricPrompt]
    private static let factualityKeys: Set<CodingKeys> = [.provider, .model, .rubricPrompt, .map]
    private static let similarKeys: Set<CodingKeys> = [.provider, .model]
    private static let commandKeys: Set<CodingKeys> = [.timeout]
    private static let assertSetKeys: Set<CodingKeys> = [.assert]

    /// The graded keys `kind` takes (static sets: this runs for every assertion decoded).
    private static func gradedKeys(_ kind: AssertionKind) -> Set<CodingKeys> {
        switch kind {
        case .llmRubric, .answerRelevance: return rubricKeys
        case .factuality: return factualityKeys
        case .similar: return similarKeys
        case .command: return commandKeys
        case .assertSet: return assertSetKeys
        default: return []
        }
    }

    /// Value, threshold and bounds as each graded kind needs them.
    private func validateGraded(
        typeName name: String, _ fail: (CodingKeys, String) -> DecodingError
    ) throws {
        let usesBounds: Bool
        switch kind {
        case .llmRubric, .factuality, .answerRelevance, .similar, .isRefusal, .command, .assertSet:
            usesBounds = false
        case .cost:
            usesBounds = true
        default:
            return
        }
        if !usesBounds,
            let key = [CodingKeys.min, .max].first(where: { key in
                (key == .min ? min : max) != nil
            })
        {
            throw fail(key, "'\(name)' does not take '\(key.rawValue)'")
        }
        if let threshold, threshold > 1, kind != .cost {
            throw fail(
                .threshold,
                "'\(name)' threshold is a score between 0 and 1, got "
                    + AssertionText.number(threshold))
        }
        switch kind {
        case .factuality:
            try requireText(name, example: "\"the reference answer\"", fail)
            if threshold != nil {
                throw fail(.threshold, "'\(name)' passes or fails by category; use map: instead")
            }
        case .similar:
            try requireText(name, example: "\"the reference text\", threshold: 0.8", fail)
        case .command:
            guard let value, !value.texts.isEmpty, !value.texts.contains(where: \.isEmpty),
                value.texts.first?.contains(where: { !$0.isWhitespace }) == true
            else {
                throw fail(
                    .type,
                    "'\(name)' needs the program to run, e.g. { type: \(name), value: "
                        + "[python3, checks/tone.py] }")
            }
        case .answerRelevance, .isRefusal, .assertSet:
            if value != nil {
                let why =
                    kind == .answerRelevance
                    ? ": the judge compares the output with the case's input" : ""
                throw fail(.value, "'\(name)' takes no value\(why)")
            }
            if kind == .isRefusal && threshold != nil {
                throw fail(.threshold, "'\(name)' does not take 'threshold': it passes or fails")
            }
            if kind == .assertSet && negated {
                throw fail(.type, "'\(name)' cannot be negated; negate its assertions instead")
            }
        case .cost:
            if value != nil || threshold != nil || min != nil {
                let key: CodingKeys = value != nil ? .value : (threshold != nil ? .threshold : .min)
                throw fail(key, "'\(name)' takes max, the most US dollars a case may cost")
            }
            guard let max, max >= 0 else {
                throw fail(
                    .type, "'\(name)' needs max in US dollars, e.g. { type: \(name), max: 0.002 }")
            }
        default:
            break
        }
    }

    private func requireText(
        _ name: String, example: String, _ fail: (CodingKeys, String) -> DecodingError
    ) throws {
        guard let value else {
            throw fail(.type, "'\(name)' needs a value, e.g. { type: \(name), value: \(example) }")
        }
        guard let text = value.text, !text.isEmpty else {
            throw fail(.value, "'\(name)' value must be one non-empty text")
        }
    }

    private static func text(
        _ key: CodingKeys, in container: KeyedDecodingContainer<CodingKeys>,
        _ fail: (CodingKeys, String) -> DecodingError
    ) throws -> String? {
        guard container.contains(key) else { return nil }
        guard let text = try? container.decode(String.self, forKey: key), !text.isEmpty else {
            throw fail(key, "\(key.rawValue) must be a non-empty string")
        }
        return text
    }

    /// A template that parses and shows the judge the output.
    private static func checkRubricPrompt(
        _ prompt: String, _ fail: (String) -> DecodingError
    ) throws {
        let template: Template
        do {
            template = try Template(prompt)
        } catch {
            throw fail("rubric_prompt is not a valid template: \(error)")
        }
        guard template.allVariables.contains("output") else {
            throw fail("rubric_prompt never shows the judge the output; add {{ output }}")
        }
        let known: Set<String> = ["output", "rubric", "reference", "input", "vars"]
        if let unknown = template.allVariables.first(where: { !known.contains($0) }) {
            throw fail(
                "rubric_prompt uses '\(unknown)'; it can use output, rubric, reference, input "
                    + "and vars.NAME")
        }
    }

    /// `map: { superset: fail, disagrees: pass }`: `pass`/`fail` or true/false per category.
    private static func decodeVerdictMap(
        in container: KeyedDecodingContainer<CodingKeys>,
        _ fail: (CodingKeys, String) -> DecodingError
    ) throws -> [FactualityCategory: Bool] {
        guard container.contains(.map) else { return [:] }
        let names = FactualityCategory.allCases.map(\.rawValue).joined(separator: ", ")
        guard let raw = try? container.decode([String: String].self, forKey: .map) else {
            throw fail(.map, "map must be a mapping of category to pass or fail (\(names))")
        }
        var out: [FactualityCategory: Bool] = [:]
        for (name, verdict) in raw.sorted(by: { $0.key < $1.key }) {
            guard let category = FactualityCategory(rawValue: name) else {
                let hint =
                    suggestion(for: name, among: FactualityCategory.allCases.map(\.rawValue))
                    .map { "did you mean '\($0)'?" } ?? "categories: \(names)"
                throw fail(.map, "unknown factuality category '\(name)'; \(hint)")
            }
            switch verdict.lowercased() {
            case "pass", "true", "yes": out[category] = true
            case "fail", "false", "no": out[category] = false
            default: throw fail(.map, "map.\(name) must be pass or fail, got '\(verdict)'")
            }
        }
        return out
    }

    private static func decodeChildren(
        typeName name: String, in container: KeyedDecodingContainer<CodingKeys>,
        _ fail: (CodingKeys, String) -> DecodingError
    ) throws -> [AssertionSpec] {
        guard container.contains(.assert) else {
            throw fail(
                .type,
                "'\(name)' needs assert: a list of assertions, e.g. { type: \(name), "
                    + "threshold: 0.5, assert: [{ type: contains, value: refund }] }")
        }
        let children = try container.decode([AssertionSpec].self, forKey: .assert)
        if children.isEmpty { throw fail(.assert, "'\(name)' needs at least one assertion") }
        if children.contains(where: { $0.metric != nil }) {
            throw fail(
                .assert,
                "metric: inside an assert-set is not reported; name the assert-set's metric instead"
            )
        }
        return children
    }
}
