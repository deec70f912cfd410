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

    var match: String
    var model: String?
    var delayMs: Int
    /// Applies to the first `times` matching requests only (e.g. fail twice, then answer).
    var times: Int?
    var action: Action

    private static let knownKeys: Set<String> = [
        "match", "model", "delay_ms", "reply", "replies", "status", "body", "retry_after", "raw",
        "empty", "error", "hang", "close", "times",
    ]

    /// Builds a rule from its decoded JSON object; the error names the problem.
    init(json: [String: Any]) throws(ScriptError) {
        if let unknown = json.keys.sorted().first(where: { !Self.knownKeys.contains($0) }) {
            throw ScriptError("unknown key '\(unknown)'")
        }
        guard let match = json["match"] as? String else {
            throw ScriptError("\"match\" must be a string")
        }
        self.match = match
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
        if json["delay_ms"] != nil { return .echo }
        throw ScriptError(
            "needs one of reply, replies, status, retry_after, raw, empty, error, hang, close")
    }

    private static func integer(_ value: Any?, _ key: String) throws(ScriptError) -> Int? {
        guard let value else { return nil }
        guard let number = value as? Int, number >= 0 else {
            throw ScriptError("\"\(key)\" must be a non-negative integer")
        }
        return number
    }

    func matches(text: String, model requested: String) -> Bool {
        if let model, model != requested { return false }
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
