import Basics
import Templates
import YAMLCoding

/// One turn of a case's `messages:` history: a `user`, `assistant`, `tool` (or `system`)
/// turn, templated with the case's vars like the prompt's messages.
public struct HistoryTurn: Sendable, Decodable {
    public static let roles = ["user", "assistant", "tool", "system"]
    public var role: String
    /// The text; nil for an assistant turn that only calls tools.
    public var content: TemplateSource?
    /// The parsed template of ``content``; nil when it has none or does not parse.
    public var template: Template?
    /// Why ``content`` does not parse (reported by `validate` at its position).
    public var templateError: TemplateError?
    /// The calls an assistant turn made.
    public var toolCalls: [HistoryToolCall]
    /// The call a `tool` turn answers, and the tool's name.
    public var toolCallID: Located<String>?
    public var name: String?
    public var mark: YAMLMark

    enum CodingKeys: String, CodingKey, CaseIterable {
        case role, content, name
        case toolCalls = "tool_calls"
        case toolCallID = "tool_call_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mark =
            (decoder as? any YAMLNodeDecoder)?.node.mark ?? YAMLMark(file: "", line: 0, column: 0)
        role = try c.decode(String.self, forKey: .role)
        if !Self.roles.contains(role) {
            let hint = suggestion(for: role, among: Self.roles).map { "; did you mean '\($0)'?" }
            throw DecodingError.dataCorruptedError(
                forKey: .role, in: c,
                debugDescription: "unknown role '\(role)'"
                    + (hint ?? " (use user, assistant, tool or system)"))
        }
        content = try c.decodeIfPresent(TemplateSource.self, forKey: .content)
        toolCalls = try c.decodeIfPresent([HistoryToolCall].self, forKey: .toolCalls) ?? []
        toolCallID = try c.decodeIfPresent(Located<String>.self, forKey: .toolCallID)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        if !toolCalls.isEmpty, role != "assistant" {
            throw DecodingError.dataCorruptedError(
                forKey: .toolCalls, in: c,
                debugDescription: "only an assistant turn makes tool calls (this turn is \(role))")
        }
        if role == "tool" {
            if toolCallID == nil {
                throw DecodingError.keyNotFound(
                    CodingKeys.toolCallID,
                    .init(
                        codingPath: c.codingPath,
                        debugDescription:
                            "a tool turn needs tool_call_id: the id of the call it answers"))
            }
        } else if toolCallID != nil || name != nil {
            throw DecodingError.dataCorruptedError(
                forKey: toolCallID != nil ? .toolCallID : .name, in: c,
                debugDescription:
                    "tool_call_id and name belong to a tool turn (this turn is \(role))")
        }
        if content == nil, !(role == "assistant" && !toolCalls.isEmpty) {
            throw DecodingError.keyNotFound(
                CodingKeys.content,
                .init(
                    codingPath: c.codingPath,
                    debugDescription: "a \(role) turn needs content"))
        }
        if let content {
            do { template = try Template(content.text) } catch { templateError = error }
        }
    }

    /// Checks what spans turns: every tool turn answers a call an earlier assistant turn
    /// made, and call ids are unique. `codingPath` is the path of the `messages` list.
    static func checkHistory(_ turns: [HistoryTurn], codingPath: [any CodingKey]) throws {
        var calls: [String: String] = [:]
        for (index, turn) in turns.enumerated() {
            let path = codingPath + [PathKey(index)]
            for (n, call) in turn.toolCalls.enumerated() {
                if calls.updateValue(call.name, forKey: call.id) != nil {
                    throw YAMLError(
                        mark: call.mark,
                        codingPath: path + [PathKey("tool_calls"), PathKey(n)],
                        message: "call id '\(call.id)' is used twice in this history")
                }
            }
            guard let id = turn.toolCallID else { continue }
            if calls[id.value] == nil {
                let known = calls.keys.sorted()
                throw YAMLError(
                    mark: id.mark, codingPath: path + [PathKey("tool_call_id")],
                    message: "tool_call_id '\(id.value)' answers no earlier call"
                        + (known.isEmpty
                            ? "; add the assistant turn with its tool_calls before this turn"
                            : " (calls so far: \(known.joined(separator: ", ")))"))
            }
        }
    }
}

/// One call of an assistant history turn: `{ id, name, arguments }`, where `arguments` is a
/// mapping (its strings templated) or JSON text (templated as a whole).
public struct HistoryToolCall: Sendable, Decodable {
    public var id: String
    public var name: String
    public var arguments: TemplateValue
    public var mark: YAMLMark

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, arguments
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mark =
            (decoder as? any YAMLNodeDecoder)?.node.mark ?? YAMLMark(file: "", line: 0, column: 0)
        name = try c.decode(String.self, forKey: .name)
        // Without an id, the call is numbered by its place in the list (`call_1`, …).
        let position = (decoder.codingPath.last?.intValue ?? 0) + 1
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? "call_\(position)"
        arguments = try c.decodeIfPresent(TemplateValue.self, forKey: .arguments) ?? .object([:])
        switch arguments {
        case .object, .string: break
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .arguments, in: c,
                debugDescription: "arguments is a mapping (e.g. { order_id: A-1 }) or JSON text")
        }
    }

    /// Every template among the arguments' strings, for checks and rendering.
    var templates: [String] {
        var out: [String] = []
        func walk(_ value: TemplateValue) {
            switch value {
            case .string(let text) where text.contains("{{") || text.contains("{%"):
                out.append(text)
            case .array(let items): items.forEach(walk)
            case .object(let members): members.values.forEach(walk)
            default: break
            }
        }
        walk(arguments)
        return out
    }

    /// The arguments' text with the case's vars: a mapping's strings rendered one by one
    /// (so a var's quotes cannot break the JSON), JSON text rendered as a whole.
    public func renderArguments(_ vars: [String: TemplateValue]) throws(TemplateError) -> String {
        func render(_ value: TemplateValue) throws(TemplateError) -> TemplateValue {
            switch value {
            case .string(let text) where text.contains("{{") || text.contains("{%"):
                return .string(try Template(text).render(vars))
            case .array(let items):
                var out: [TemplateValue] = []
                for item in items { out.append(try render(item)) }
                return .array(out)
            case .object(let members):
                var out: [String: TemplateValue] = [:]
                for (key, member) in members { out[key] = try render(member) }
                return .object(out)
            default:
                return value
            }
        }
        if case .string(let text) = arguments {
            return try Template(text).render(vars)
        }
        return try render(arguments).jsonText
    }
}
