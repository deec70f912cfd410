/// A completed HTTP exchange. Any status code counts as completed; only transport
/// failures throw.
public struct HTTPResponse: Sendable {
    /// The HTTP status code of the final response.
    public var status: Int
    /// Header fields of the final response (interim `100 Continue` headers are dropped).
    public var headers: [HTTPHeader]
    /// The response body, decoded if the server used a content encoding.
    public var body: [UInt8]
    /// Seconds from `send` to completion, including time queued for a connection.
    public var elapsed: Double

    /// Creates a response, e.g. for test doubles.
    public init(status: Int, headers: [HTTPHeader], body: [UInt8], elapsed: Double) {
        self.status = status
        self.headers = headers
        self.body = body
        self.elapsed = elapsed
    }

    /// The value of the last header named `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.name.lowercased() == wanted }?.value
    }
}
