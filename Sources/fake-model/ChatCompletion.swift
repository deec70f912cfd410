/// `POST /v1/chat/completions`: echoes the last user message or follows the script.
struct ChatCompletion {
    let options: ServerOptions
    let script: Script
    let faults: FaultInjector
    let stats: ServerStats

    func reply(to request: IncomingRequest, id: Int) -> ReplyAction {
        guard let json = JSON.object(request.body) else {
            return .respond(
                .error(
                    status: 400, message: "body is not a JSON object", type: "invalid_request_error"
                ))
        }
        guard let messages = json["messages"] as? [[String: Any]] else {
            return .respond(
                .error(
                    status: 400, message: "'messages' must be an array of objects",
                    type: "invalid_request_error"))
        }
        let model = json["model"] as? String ?? "fake-model"
        let contents = messages.map { Self.text(of: $0["content"]) }
        let allText = contents.joined(separator: "\n")
        let lastUser =
            messages.lastIndex { $0["role"] as? String == "user" }.map { contents[$0] } ?? ""
        let toolResult = messages.last.flatMap { last in
            last["role"] as? String == "tool" ? Self.text(of: last["content"]) : nil
        }
        let matched = script.firstMatch(text: allText, toolResult: toolResult, model: model)
        let draw = faults.draw(body: request.body)
        var action = matched?.rule.action ?? .echo
        let injected = matched == nil ? draw.fault : nil
        if let injected {
            stats.injected(injected)
            action = Self.action(for: injected)
        }
        if case .hang = action { return .hang }
        // Injected rate limits answer at once, as real ones do; the rest take the model's time.
        if injected != .rateLimit {
            Latency.sleep(options: options, draw: draw.latency, extraMs: matched?.rule.delayMs ?? 0)
        }

        let content: String
        switch action {
        case .hang: return .hang
        case .close: return .close
        case .echo: content = "echo: " + lastUser
        case .reply(let text): content = Self.fill(text, request)
        case .replies(let texts):
            content = Self.fill(texts[(matched?.hit ?? 0) % texts.count], request)
        case .empty: content = ""
        case .raw(let body):
            return .respond(
                OutgoingResponse(status: 200, body: Array(Self.fill(body, request).utf8)))
        case .status(let status, let body?):
            let body = Self.fill(body, request)
            let type = body.hasPrefix("{") ? "application/json" : "text/plain"
            return .respond(
                OutgoingResponse(status: status, contentType: type, body: Array(body.utf8)))
        case .status(let status, nil):
            return .respond(
                .error(status: status, message: "scripted status \(status)", type: "server_error"))
        case .rateLimit(let retryAfter, let status):
            var response = OutgoingResponse.error(
                status: status, message: "rate limit reached", type: "rate_limit_exceeded")
            response.extraHeaders.append(("Retry-After", retryAfter))
            return .respond(response)
        case .error(let message, let type, let status):
            return .respond(
                .error(status: status, message: Self.fill(message, request), type: type))
        }
        let promptTokens = TokenEstimate.count(allText)
        let completionTokens = TokenEstimate.count(content)
        let calls = matched?.rule.toolCalls ?? []
        let body = ChatCompletionBody(
            id: "chatcmpl-fake-\(id)", object: "chat.completion",
            created: Int(Latency.unixTime()), model: model,
            choices: [
                .init(
                    index: 0,
                    message: .init(
                        role: "assistant", content: content,
                        tool_calls: calls.isEmpty ? nil : calls),
                    finish_reason: calls.isEmpty ? "stop" : "tool_calls")
            ],
            usage: .init(
                prompt_tokens: promptTokens, completion_tokens: completionTokens,
                total_tokens: promptTokens + completionTokens))
        return .respond(OutgoingResponse(status: 200, json: body))
    }

    /// What an injected fault does, in the terms of script actions.
    static func action(for fault: Fault) -> ScriptRule.Action {
        switch fault {
        case .rateLimit: return .rateLimit(retryAfter: "0", status: 429)
        case .serverError:
            return .error(message: "injected server error", type: "server_error", status: 500)
        case .invalidJSON: return .raw(#"{"id": "chatcmpl-fake", "choices": [{"#)
        case .drop: return .close
        case .hang: return .hang
        }
    }

    /// `text` with each `{{header:NAME}}` replaced by that request header's value (empty
    /// when absent): a scripted server that echoes what it was sent, e.g. an API key.
    static func fill(_ text: String, _ request: IncomingRequest) -> String {
        guard text.contains("{{header:") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{header:") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].lowercased()
            out += request.headers[name] ?? ""
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// Message content as text: a string, or the text parts of a content array.
    static func text(of content: Any?) -> String {
        if let text = content as? String { return text }
        guard let parts = content as? [[String: Any]] else { return "" }
        return parts.compactMap { $0["text"] as? String }.joined(separator: "\n")
    }
}

struct ChatCompletionBody: Encodable {
    struct Message: Encodable {
        let role: String
        let content: String
        /// Omitted (not null) when the rule has none.
        let tool_calls: [ScriptRule.ToolCall]?
    }
    struct Choice: Encodable {
        let index: Int
        let message: Message
        let finish_reason: String
    }
    struct Usage: Encodable {
        let prompt_tokens: Int
        let completion_tokens: Int
        let total_tokens: Int
    }
    let id: String
    let object: String
    let created: Int
    let model: String
    let choices: [Choice]
    let usage: Usage
}

/// A deterministic token count: about 0.75 words per token.
enum TokenEstimate {
    static func count(_ text: String) -> Int {
        let words = text.split(whereSeparator: { $0.isWhitespace }).count
        return (words * 4 + 2) / 3
    }
}
