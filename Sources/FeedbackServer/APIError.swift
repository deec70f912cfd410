import JSON

/// An error answer of the service: its status and the JSON body `{error, field, detail}`
/// (`error` a stable code, `field` the request field at fault or null, `detail` what is
/// wrong and how to fix it).
public struct APIError: Error, Sendable {
    public var status: Int
    public var code: String
    public var field: String?
    public var detail: String
    public var headers: [(name: String, value: String)] = []

    public init(
        status: Int, code: String, field: String? = nil, detail: String,
        headers: [(name: String, value: String)] = []
    ) {
        self.status = status
        self.code = code
        self.field = field
        self.detail = detail
        self.headers = headers
    }

    /// A 400 naming the field and why.
    public static func badRequest(_ code: String, field: String?, detail: String) -> APIError {
        APIError(status: 400, code: code, field: field, detail: detail)
    }

    /// The response: the body is JSON, so untrusted text in `detail` (a key the client sent)
    /// is escaped by the encoding.
    public var response: ServerResponse {
        let body = JSONValue.object([
            "error": .string(code), "field": field.map(JSONValue.string) ?? .null,
            "detail": .string(detail),
        ])
        var response = ServerResponse.json(status, body.jsonText)
        response.headers += headers
        return response
    }
}
