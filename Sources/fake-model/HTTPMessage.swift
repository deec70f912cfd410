/// A parsed HTTP/1.x request.
struct IncomingRequest {
    var method: String
    /// The target without its query string.
    var path: String
    /// Header values by lowercased name; the last occurrence wins.
    var headers: [String: String]
    var body: [UInt8]
    var keepAlive: Bool
}

/// A response to serialize, with a Content-Length body.
struct OutgoingResponse {
    var status: Int
    var contentType = "application/json"
    var extraHeaders: [(String, String)] = []
    var body: [UInt8]

    init(status: Int, contentType: String = "application/json", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    init(status: Int, json: some Encodable) {
        self.init(status: status, body: JSON.encode(json))
    }

    /// An OpenAI-style `{"error": {...}}` body.
    static func error(status: Int, message: String, type: String) -> OutgoingResponse {
        OutgoingResponse(
            status: status, json: ErrorEnvelope(error: .init(message: message, type: type)))
    }

    func serialized(keepAlive: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in extraHeaders { head += "\(name): \(value)\r\n" }
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(head.utf8) + body
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Payload Too Large"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status \(status)"
        }
    }
}

/// What the connection should do after routing a request.
enum ReplyAction {
    case respond(OutgoingResponse)
    /// Keep the connection open without answering until the client closes it.
    case hang
    /// Close the connection without writing anything.
    case close
}

struct ErrorEnvelope: Encodable {
    struct Detail: Encodable {
        let message: String
        let type: String
    }
    let error: Detail
}
