import Foundation

/// One rule of a `--script` file; see `ServerOptions.usage` for the format.
struct ScriptRule: Sendable {
    enum Action: Sendable {
        /// The default `echo: <last user message>` reply (a rule with only a delay).
        case echo
        case reply(String)
        case replies([String])
        case status(Int, body: String?)
        case rateLimit(retryAfter: String, status: Int)
        case raw(String)
        case empty
        case error(message: String, type: String, status: Int)
        case hang
        case close
    }

    /// A tool call a rule answers with.
    struct ToolCall: Sendable, Encodable {
        struct Function: Sendable, Encodable {
            let name: String
            let arguments: String
        }
        let id: String
        let type = "function"
        let function: Function
    }

    /// Substring of the request's message contents; nil for a rule with only `match_tool`.
    var match: String?
    /// Substring of the last message's content when that message is a `tool` turn.
    var matchTool: String?
    var model: String?
    /// Calls the reply carries (its content is "" unless the rule also has a reply).
    var toolCalls: [ToolCall]
    var delayMs: Int
    /// Applies to the first `times` matching requests only (e.g. fail twice, then answer).
    var times: Int?
    var action: Action

    private static let knownKeys: Set<String> = [
        "match", "model", "delay_ms", "reply", "replies", "status", "body", "retry_after", "raw",
        "empty", "error", "hang", "close", "times", "match_tool", "tool_calls",
    ]

    /// Builds a rule from its decoded JSON object; the error names the problem.
    init(json: [String: Any]) throws(ScriptError) {
        if let unknown = json.keys.sorted().first(where: { !Self.knownKeys.contains($0) }) {
            throw ScriptError("unknown key '\(unknown)'")
        }
        if let tool = json["match_tool"], !(tool is String) {
            throw ScriptError("\"match_tool\" must be a string")
        }
        matchTool = json["match_tool"] as? String
        if let match = json["match"], !(match is String) {
            throw ScriptError("\"match\" must be a string")
        }
        match = json["match"] as? String
        guard match != nil || matchTool != nil else {
            throw ScriptError("needs \"match\" (a string) or \"match_tool\"")
        }
        toolCalls = try Self.toolCalls(json["tool_calls"])
        if let model = json["model"], !(model is String) {
            throw ScriptError("\"model\" must be a string")
        }
        self.model = json["model"] as? String
        self.delayMs = try Self.integer(json["delay_ms"], "delay_ms") ?? 0
        self.times = try Self.integer(json["times"], "times")
        self.action = try Self.action(json)
    }

    private static func action(_ json: [String: Any]) throws(ScriptError) -> Action {
        let status = try integer(json["status"], "status")
        if let status, !(100...599).contains(status) {
            throw ScriptError("\"status\" must be in 100...599")
        }
        if json["hang"] as? Bool == true { return .hang }
        if json["close"] as? Bool == true { return .close }
        if json["empty"] as? Bool == true { return .empty }
        if let error = json["error"] {
            guard let error = error as? [String: Any], let message = error["message"] as? String
            else { throw ScriptError("\"error\" must be an object with a \"message\" string") }
            let type = error["type"] as? String ?? "invalid_request_error"
            return .error(message: message, type: type, status: status ?? 400)
        }
        if let retry = json["retry_after"] {
            guard let text = (retry as? String) ?? (retry as? Int).map(String.init) else {
                throw ScriptError("\"retry_after\" must be a string or number")
            }
            return .rateLimit(retryAfter: text, status: status ?? 429)
        }
        if let raw = json["raw"] {
            guard let raw = raw as? String else { throw ScriptError("\"raw\" must be a string") }
            return .raw(raw)
        }
        if let status {
            if let body = json["body"], !(body is String) {
                throw ScriptError("\"body\" must be a string")
            }
            return .status(status, body: json["body"] as? String)
        }
        if let replies = json["replies"] {
            guard let replies = replies as? [String], !replies.isEmpty else {
                throw ScriptError("\"replies\" must be a non-empty array of strings")
            }
            return .replies(replies)
        }
        if let reply = json["reply"] {
            guard let reply = reply as? String else {
                throw ScriptError("\"reply\" must be a string")
            }
            return .reply(reply)
        }
        if json["tool_calls"] != nil { return .empty }
        if json["delay_ms"] != nil { return .echo }
        throw ScriptError(
            "needs one of reply, replies, tool_calls, status, retry_after, raw, empty, error, hang, close"
        )
    }

    /// `[{name, arguments (object or string), id?}]`; ids default to `call_<n>` in order.
    private static func toolCalls(_ value: Any?) throws(ScriptError) -> [ToolCall] {
        guard let value else { return [] }
        guard let list = value as? [Any], !list.isEmpty else {
            throw ScriptError("\"tool_calls\" must be a non-empty array of objects")
        }
        var calls: [ToolCall] = []
        for (index, item) in list.enumerated() {
            let position = "\"tool_calls\" item \(index + 1)"
            guard let call = item as? [String: Any] else {
                throw ScriptError("\(position) must be an object")
            }
            if let unknown = call.keys.sorted().first(where: {
                !["name", "arguments", "id"].contains($0)
            }) {
                throw ScriptError("\(position): unknown key '\(unknown)'")
            }
            guard let name = call["name"] as? String, !name.isEmpty else {
                throw ScriptError("\(position) needs a \"name\" string")
            }
            if let id = call["id"], !(id is String) {
                throw ScriptError("\(position): \"id\" must be a string")
            }
            let arguments: String
            switch call["arguments"] {
            case nil: arguments = "{}"
            case let text as String: arguments = text
            case let object as [String: Any]:
                let data = try? JSONSerialization.data(
                    withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                arguments = data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            default:
                throw ScriptError("\(position): \"arguments\" must be an object or a string")
            }
            calls.append(
                ToolCall(
                    id: call["id"] as? String ?? "call_\(index + 1)",
                    function: .init(name: name, arguments: arguments)))
        }
        return calls
    }

    private static func integer(_ value: Any?, _ key: String) throws(ScriptError) -> Int? {
        guard let value else { return nil }
        guard let number = value as? Int, number >= 0 else {
            throw ScriptError("\"\(key)\" must be a non-negative integer")
        }
        return number
    }

    /// `toolResult` is the content of the request's last message when it is a `tool` turn.
    func matches(text: String, toolResult: String?, model requested: String) -> Bool {
        if let model, model != requested { return false }
        if let matchTool {
            guard let toolResult, matchTool == "*" || toolResult.contains(matchTool) else {
                return false
            }
        }
        guard let match else { return true }
        return match == "*" || text.contains(match)
    }
}

/// A problem in a script file.
struct ScriptError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
