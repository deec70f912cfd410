/// An HTTP request as the service sees it: the method, the path (without the query), the
/// query arguments and headers (names lowercased), and the body.
public struct ServerRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [String: String]
    /// Header names lowercased; a repeated header keeps its last value.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(
        method: String, path: String, query: [String: String] = [:],
        headers: [String: String] = [:], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// An HTTP response: status, headers and body.
public struct ServerResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response of `text` (already serialized).
    public static func json(_ status: Int, _ text: String) -> ServerResponse {
        ServerResponse(
            status: status, headers: [("Content-Type", "application/json")],
            body: Array(text.utf8))
    }
}

/// What a handler does with a request: answer now, or later from another thread (the
/// writer answers after its commit); the daemon suspends the connection in between.
public enum HandlerOutcome: Sendable {
    case respond(ServerResponse)
    /// Called once the connection is suspended, with the function that answers it.
    case deferred(@Sendable (_ reply: @escaping @Sendable (ServerResponse) -> Void) -> Void)
}

/// The application behind ``HTTPDaemon``: called on the daemon's threads, so it must be
/// `Sendable` and must not block for long.
public protocol RequestHandler: Sendable {
    /// Checked when the headers are in, before the body is read: an answer here (401, 404,
    /// 405, 413, 415) is sent without reading the body.
    func preflight(_ head: ServerRequest) -> ServerResponse?
    /// The request with its whole body.
    func handle(_ request: ServerRequest) -> HandlerOutcome
    /// The answer while the daemon is draining (stopping).
    func draining(_ head: ServerRequest) -> ServerResponse
    /// The body is over the limit: nothing of it is kept.
    func tooLarge(_ head: ServerRequest, limit: Int) -> ServerResponse
}
