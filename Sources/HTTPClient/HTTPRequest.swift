/// A request for `CurlClient.send(_:)`.
public struct HTTPRequest: Sendable {
    /// Absolute `http://` or `https://` URL.
    public var url: String
    /// HTTP method; defaults to `POST` when `body` is set, else `GET`.
    public var method: String
    /// Request headers, sent in order. Never logged by the client.
    public var headers: [HTTPHeader]
    /// Request body, sent with a `Content-Length`.
    public var body: [UInt8]?
    /// Total time allowed for the transfer, in seconds.
    public var timeout: Double
    /// Time allowed for establishing the connection (DNS, TCP, TLS), in seconds.
    public var connectTimeout: Double
    /// Largest response body accepted; larger bodies fail with `.responseTooLarge`.
    public var maxResponseBytes: Int

    /// Creates a request; `connectTimeout` defaults to 10 s and `maxResponseBytes` to 16 MiB.
    public init(
        url: String, method: String? = nil, headers: [HTTPHeader] = [], body: [UInt8]? = nil,
        timeout: Double = 60
    ) {
        self.url = url
        self.method = method ?? (body == nil ? "GET" : "POST")
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = 10
        self.maxResponseBytes = 16 * 1024 * 1024
    }
}
