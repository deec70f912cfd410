import Basics
import Conversation
import JSON

/// The keys of the tool kinds.
public struct ToolOptions: Sendable, Hashable, Codable {
    /// `tool:` of `tool-args`.
    public var tool: String?
    /// `times:` of `tool-called`.
    public var times: Int?
    /// `strict:` of `tool-sequence`.
    public var strict: Bool
    /// `value:` of `tool-args`: a subset every call's arguments must contain.
    public var subset: JSONValue?
}

/// Decoding and evaluation of `tool-called`, `tool-args`, `tool-sequence`, `tool-call-count`,
/// `valid-tool-call` and `no-tool-call`, over every call of the trajectory.
extension AssertionSpec {
    /// The tool keys and the kinds that take them: built once, not per assertion decoded.
    private static let toolKeys: [CodingKeys] = [.tool, .times, .strict, .schema]
    private static let allowedToolKeys: [AssertionKind: Set<CodingKeys>] = [
        .toolCalled: [.times], .toolArgs: [.tool, .schema], .toolSequence: [.strict],
    ]

    static let toolKinds: Set<AssertionKind> = [
        .toolCalled, .toolArgs, .toolSequence, .toolCallCount, .validToolCall, .noToolCall,
    ]

    mutating func decodeToolKeys(
        typeName name: String, in c: KeyedDecodingContainer<CodingKeys>
    ) throws {
        func fail(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }
        for key in Self.toolKeys where c.contains(key) {
            if Self.allowedToolKeys[kind]?.contains(key) != true {
                throw fail(key, "'\(name)' does not take '\(key.rawValue)'")
            }
        }
        guard Self.toolKinds.contains(kind) else { return }
        if kind == .noToolCall, negated {
            throw fail(.type, "'not-no-tool-call' is 'tool-call-count' with min: 1")
        }
        var options = ToolOptions(strict: false)
        options.times = try c.decodeIfPresent(Int.self, forKey: .times)
        if let times = options.times, times < 0 {
            throw fail(.times, "times must be 0 or more, got \(times)")
        }
        options.strict = try c.decodeIfPresent(Bool.self, forKey: .strict) ?? false
        if kind == .toolArgs {
            guard let tool = try c.decodeIfPresent(String.self, forKey: .tool) else {
                throw fail(
                    .type,
                    "'\(name)' needs tool: and schema: or value:, e.g. { type: \(name), tool: lookup_order, value: { order_id: A-1 } }"
                )
            }
            options.tool = tool
            options.subset = try c.decodeIfPresent(JSONValue.self, forKey: .value)
            if let schemaValue = try c.decodeIfPresent(JSONValue.self, forKey: .schema) {
                do { schema = try JSONSchema(schemaValue) } catch {
                    throw fail(.schema, "'\(name)' schema: \(error)")
                }
            }
            if (options.subset == nil) == (schema == nil) {
                throw fail(
                    .type, "'\(name)' takes one of schema: (a JSON Schema) and value: (a subset)")
            }
        }
        toolOptions = options
    }

    func encodeToolKeys(into c: inout KeyedEncodingContainer<CodingKeys>) throws {
        guard let toolOptions else { return }
        try c.encodeIfPresent(toolOptions.tool, forKey: .tool)
        try c.encodeIfPresent(toolOptions.times, forKey: .times)
        if toolOptions.strict { try c.encode(true, forKey: .strict) }
        try c.encodeIfPresent(toolOptions.subset, forKey: .value)
        if kind == .toolArgs, let schema { try c.encode(schema.root, forKey: .schema) }
    }

    func checkTools(_ ctx: AssertionContext) -> Outcome {
        let calls = ctx.toolCalls
        let names = calls.map(\.name)
        let made = Self.describeCalls(names)
        switch kind {
        case .toolCalled:
            guard let tool = value?.text else {
                return Outcome(passed: false, reason: "'\(typeName)' names no tool")
            }
            let count = names.filter { $0 == tool }.count
            let q = AssertionText.quote(tool)
            if let times = toolOptions?.times {
                return outcome(
                    holds: count == times, pass: "\(q) called \(plural(times, "time"))",
                    fail:
                        "expected \(q) to be called \(plural(times, "time")), it was called \(plural(count, "time")) (\(made))",
                    negatedPass: "\(q) not called \(plural(times, "time")) (\(made))",
                    negatedFail: "expected \(q) not to be called \(plural(times, "time"))")
            }
            return outcome(
                holds: count > 0, pass: "\(q) called (\(made))",
                fail: "expected \(q) to be called (\(made))",
                negatedPass: "\(q) not called (\(made))",
                negatedFail:
                    "expected \(q) not to be called, it was called \(plural(count, "time"))")
        case .toolArgs:
            return checkToolArgs(calls)
        case .toolSequence:
            let wanted = value?.texts ?? []
            let strict = toolOptions?.strict == true
            let holds = strict ? names == wanted : Self.isSubsequence(wanted, of: names)
            let list = AssertionText.quoteList(wanted)
            let how = strict ? "exactly" : "in order"
            return outcome(
                holds: holds, pass: "called \(list) \(how)",
                fail: "expected calls \(list) \(how) (\(made))",
                negatedPass: "did not call \(list) \(how) (\(made))",
                negatedFail: "expected calls other than \(list) \(how)")
        case .toolCallCount:
            let n = Double(calls.count)
            let holds = (min.map { n >= $0 } ?? true) && (max.map { n <= $0 } ?? true)
            let range =
                "\(min.map(AssertionText.number) ?? "0")…\(max.map(AssertionText.number) ?? "∞")"
            return outcome(
                holds: holds, pass: "\(plural(calls.count, "tool call")) (within \(range))",
                fail: "expected \(range) tool calls, got \(calls.count) (\(made))",
                negatedPass: "\(calls.count) tool calls, outside \(range)",
                negatedFail: "expected a tool-call count outside \(range), got \(calls.count)")
        case .validToolCall:
            let problems = calls.enumerated().compactMap { Self.problem(of: $1, at: $0, ctx.tools) }
            let listed = problems.prefix(3).joined(separator: "; ")
            return outcome(
                holds: problems.isEmpty,
                pass: calls.isEmpty ? "no tool calls to check" : "every call is valid (\(made))",
                fail: "invalid tool call: \(listed)",
                negatedPass: "invalid tool call: \(listed)",
                negatedFail: "expected an invalid tool call, every call is valid")
        case .noToolCall:
            return Outcome(
                passed: calls.isEmpty,
                reason: calls.isEmpty ? "no tool call" : "expected no tool call (\(made))")
        default:
            return Outcome(passed: false, reason: "'\(typeName)' is not a tool assertion")
        }
    }

    /// `tool-args`: the tool was called and every call's arguments pass; `not-tool-args`:
    /// no call of the tool passes.
    private func checkToolArgs(_ calls: [ToolCall]) -> Outcome {
        let tool = toolOptions?.tool ?? ""
        let q = AssertionText.quote(tool)
        let mine = calls.filter { $0.name == tool }
        if mine.isEmpty {
            return Outcome(
                passed: negated,
                reason: "\(q) was not called (\(Self.describeCalls(calls.map(\.name))))")
        }
        var failures: [String] = []
        for (n, call) in mine.enumerated() {
            guard let arguments = call.parsedArguments else {
                failures.append(
                    "call \(n + 1): arguments are not JSON: \(AssertionText.quote(call.arguments, limit: 80))"
                )
                continue
            }
            if let subset = toolOptions?.subset, !arguments.contains(subset) {
                failures.append(
                    "call \(n + 1): \(AssertionText.quote(arguments.jsonText, limit: 120)) does not contain \(AssertionText.quote(subset.jsonText, limit: 120))"
                )
            }
            if let schema {
                let problems = schema.validate(arguments)
                if let first = problems.first {
                    failures.append("call \(n + 1): \(first.description)")
                }
            }
        }
        let passing = mine.count - failures.count
        let listed = failures.prefix(3).joined(separator: "; ")
        if negated {
            return Outcome(
                passed: passing == 0,
                reason: passing == 0
                    ? "no call of \(q) has those arguments: \(listed)"
                    : "expected no call of \(q) with those arguments, \(passing) of \(mine.count) have them"
            )
        }
        return Outcome(
            passed: failures.isEmpty,
            reason: failures.isEmpty
                ? "\(plural(mine.count, "call")) of \(q) with matching arguments"
                : "arguments of \(q): \(listed)")
    }

    /// Why a call is invalid against the declared tools, or nil.
    private static func problem(of call: ToolCall, at index: Int, _ tools: [ToolSpec]) -> String? {
        let name = AssertionText.quote(call.name)
        guard let spec = tools.first(where: { $0.name == call.name }) else {
            let declared = tools.map(\.name).joined(separator: ", ")
            return
                "call \(index + 1) names \(name), which is not declared (tools: \(declared.isEmpty ? "none" : declared))"
        }
        guard let arguments = call.parsedArguments else {
            return
                "call \(index + 1) of \(name): arguments are not JSON (\(call.argumentsError ?? "")): \(AssertionText.quote(call.arguments, limit: 80))"
        }
        guard let schema = try? JSONSchema(spec.parameters) else { return nil }
        guard let first = schema.validate(arguments).first else { return nil }
        return "call \(index + 1) of \(name): \(first.description)"
    }

    /// `calls: lookup_order, refund` or `no tool calls`.
    static func describeCalls(_ names: [String]) -> String {
        names.isEmpty
            ? "no tool calls"
            : "calls: " + names.map { AssertionText.quote($0) }.joined(separator: ", ")
    }

    static func isSubsequence(_ wanted: [String], of names: [String]) -> Bool {
        var rest = wanted[...]
        for name in names where name == rest.first { rest = rest.dropFirst() }
        return rest.isEmpty
    }
}
