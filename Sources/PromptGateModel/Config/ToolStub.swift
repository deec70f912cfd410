import Basics
import JSON
import YAMLCoding

/// How a stubbed tool answers (`tool_results:` of a case or of a suite's defaults): a fixed
/// result, results chosen by the call's arguments, or a command that gets the call as JSON.
public struct ToolStub: Sendable, Hashable, Decodable {
    public enum Answer: Sendable, Hashable {
        /// The same text for every call.
        case fixed(String)
        /// The first rule whose `arguments` are contained in the call's; a rule without
        /// `arguments` matches any call.
        case match([MatchRule])
        /// `argv`: the call `{"arguments","id","name"}` on stdin, the result on stdout.
        case exec([String], timeout: Double)
    }

    public struct MatchRule: Sendable, Hashable {
        public var arguments: JSONValue?
        public var result: String
    }

    public static let defaultExecTimeout = 30.0
    public var answer: Answer
    /// Where the stub is written.
    public var mark: YAMLMark

    enum CodingKeys: String, CodingKey, CaseIterable {
        case result, match, exec, timeout
    }

    enum RuleKeys: String, CodingKey, CaseIterable {
        case arguments, result
    }

    public init(from decoder: any Decoder) throws {
        let node = (decoder as? any YAMLNodeDecoder)?.node
        mark = node?.mark ?? YAMLMark(file: "", line: 0, column: 0)
        if case .scalar? = node {
            answer = .fixed(
                Self.resultText(try decoder.singleValueContainer().decode(JSONValue.self)))
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let given = [CodingKeys.result, .match, .exec].filter(c.contains)
        guard given.count == 1, let kind = given.first else {
            throw DecodingError.dataCorruptedError(
                forKey: given.last ?? .result, in: c,
                debugDescription: given.isEmpty
                    ? "a stub is a result text, { result: … }, { match: [{ arguments, result }] } or { exec: [command, args…] }"
                    : "a stub takes one of result, match and exec, not \(given.map(\.stringValue).joined(separator: " and "))"
            )
        }
        if kind != .exec, c.contains(.timeout) {
            throw DecodingError.dataCorruptedError(
                forKey: .timeout, in: c, debugDescription: "timeout applies to an exec stub")
        }
        switch kind {
        case .result:
            answer = .fixed(Self.resultText(try c.decode(JSONValue.self, forKey: .result)))
        case .match:
            var list = try c.nestedUnkeyedContainer(forKey: .match)
            var rules: [MatchRule] = []
            while !list.isAtEnd {
                let rule = try list.nestedContainer(keyedBy: RuleKeys.self)
                let arguments = try rule.decodeIfPresent(JSONValue.self, forKey: .arguments)
                if let arguments, case .object = arguments {
                } else if arguments != nil {
                    throw DecodingError.dataCorruptedError(
                        forKey: .arguments, in: rule,
                        debugDescription: "arguments is a mapping the call's arguments must contain"
                    )
                }
                let result = try rule.decode(JSONValue.self, forKey: .result)
                rules.append(MatchRule(arguments: arguments, result: Self.resultText(result)))
            }
            if rules.isEmpty {
                throw DecodingError.dataCorruptedError(
                    forKey: .match, in: c, debugDescription: "match needs at least one rule")
            }
            answer = .match(rules)
        case .exec, .timeout:
            let argv: [String]
            if let text = try? c.decode(String.self, forKey: .exec) {
                argv = text.split(whereSeparator: \.isWhitespace).map(String.init)
            } else {
                argv = try c.decode([String].self, forKey: .exec)
            }
            if argv.isEmpty {
                throw DecodingError.dataCorruptedError(
                    forKey: .exec, in: c,
                    debugDescription: "exec needs a command, e.g. exec: [./stubs/refund.sh]")
            }
            let timeout =
                try c.decodeIfPresent(Double.self, forKey: .timeout) ?? Self.defaultExecTimeout
            if !(timeout > 0) {
                throw DecodingError.dataCorruptedError(
                    forKey: .timeout, in: c,
                    debugDescription: "timeout is a number of seconds above 0")
            }
            answer = .exec(argv, timeout: timeout)
        }
    }

    /// A result as the model gets it: text as written, anything else as compact JSON.
    static func resultText(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.jsonText
    }

    /// The fixed result for a call's arguments, or nil for an `exec` stub or no matching
    /// rule.
    public func fixedResult(arguments: JSONValue?) -> String? {
        switch answer {
        case .fixed(let text): return text
        case .exec: return nil
        case .match(let rules):
            return rules.first { rule in
                guard let wanted = rule.arguments else { return true }
                guard let arguments else { return false }
                return arguments.contains(wanted)
            }?.result
        }
    }
}
