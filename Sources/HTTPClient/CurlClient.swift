/// An async HTTP client over the libcurl multi interface: one event-loop thread
/// per client drives every transfer, and idle connections are kept for reuse.
///
/// Create one client and share it; hundreds of concurrent `send` calls cost no
/// extra threads. The client never logs requests or headers.
public final class CurlClient: Sendable {
    private let loop: CurlEventLoop

    /// Creates a client whose pool opens at most `maxConnections` connections in
    /// total and per host; further requests wait for a free connection.
    public init(maxConnections: Int = 256) {
        loop = CurlEventLoop(maxConnections: maxConnections)
    }

    deinit {
        loop.shutdown()
    }

    /// Performs `request` and returns the response, whatever its status code.
    ///
    /// - Throws: `HTTPClientError` for transport failures, or `CancellationError`
    ///   when the calling task is cancelled (the transfer is aborted promptly).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        let id = loop.makeID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                loop.submit(
                    CurlJob(id: id, request: request, started: started, continuation: continuation))
            }
        } onCancel: {
            loop.cancel(id)
        }
    }

    /// Stops the event-loop thread. Requests in flight or sent later fail with
    /// `HTTPClientError.cancelled`. Also called when the client is deallocated.
    public func shutdown() {
        loop.shutdown()
    }
}
