/// A request handed from `send` to the event-loop thread.
struct CurlJob: Sendable {
    let id: UInt64
    let request: HTTPRequest
    let started: ContinuousClock.Instant
    let continuation: CheckedContinuation<HTTPResponse, any Error>

    func resume(_ result: Result<HTTPResponse, any Error>) {
        continuation.resume(with: result)
    }
}
