/// Why a request did not produce an HTTP response.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL is not an absolute http(s) URL or the request is malformed.
    case invalidURL(String)
    /// The host name could not be resolved.
    case dns(String)
    /// No connection could be established (refused, unreachable).
    case connect(String)
    /// The TLS handshake or certificate verification failed.
    case tls(String)
    /// The request did not finish within this many seconds.
    case timeout(Double)
    /// The server closed the connection before a complete response.
    case connectionClosed(String)
    /// The response body exceeded this many bytes.
    case responseTooLarge(Int)
    /// The client was shut down before the request finished.
    case cancelled
    /// Any other libcurl failure.
    case transport(code: Int, message: String)

    public var description: String {
        switch self {
        case .invalidURL(let url): return "invalid URL '\(url)'"
        case .dns(let message): return "DNS error: \(message)"
        case .connect(let message): return "connect error: \(message)"
        case .tls(let message): return "TLS error: \(message)"
        case .timeout(let seconds): return "timed out after \(seconds) s"
        case .connectionClosed(let message): return "connection closed: \(message)"
        case .responseTooLarge(let limit): return "response larger than \(limit) bytes"
        case .cancelled: return "request cancelled"
        case .transport(let code, let message): return "transport error \(code): \(message)"
        }
    }
}
