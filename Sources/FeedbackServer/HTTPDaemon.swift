import Basics
internal import CMicroHTTPD
import Foundation
import Synchronization

/// libmicrohttpd's daemon, the one owner of its handle: an internal pool of epoll threads
/// reads requests and calls a ``RequestHandler``. A deferred answer suspends the connection
/// (no thread waits) until the handler replies from any thread.
///
/// Stopping (``stop(grace:)``): the listening socket closes first, requests that arrive on
/// open connections get ``RequestHandler/draining(_:)``, requests in flight finish, then the
/// daemon stops.
public final class HTTPDaemon {
    private let handle: OpaquePointer
    private let context: DaemonContext
    private let contextPointer: UnsafeMutableRawPointer
    /// The port it listens on (the kernel's choice when started with port 0).
    public let port: Int
    private var stopped = false

    /// Starts listening on `host` (an IPv4 or IPv6 address) and `port`; `bodyLimit` bytes at
    /// most per request body; `log` gets one line per request when given.
    public init(
        host: String, port: Int, threads: Int, bodyLimit: Int, handler: any RequestHandler,
        log: (@Sendable (String) -> Void)? = nil
    ) throws(PromptGateError) {
        guard (0...65535).contains(port) else {
            throw .usage("--port must be between 0 and 65535, got \(port)")
        }
        context = DaemonContext(handler: handler, bodyLimit: bodyLimit, log: log)
        contextPointer = Unmanaged.passRetained(context).toOpaque()
        guard
            let daemon = pg_mhd_start(
                host, UInt16(port), UInt32(max(1, threads)), 1024, 30, accessHandler,
                contextPointer, requestCompleted, contextPointer)
        else {
            Unmanaged<DaemonContext>.fromOpaque(contextPointer).release()
            var probe = in_addr()
            let isAddress = inet_pton(AF_INET, host, &probe) == 1 || host.contains(":")
            if !isAddress {
                throw .usage(
                    "--bind \(host): not an IP address", hint: "e.g. --bind 127.0.0.1 or --bind ::1"
                )
            }
            throw .infrastructure(
                "cannot listen on \(host):\(port): \(String(cString: strerror(errno)))"
                    + " (is the port in use? pick another with --port, or --port 0 for any)")
        }
        handle = daemon
        self.port = Int(pg_mhd_port(daemon))
    }

    deinit {
        stop(grace: 0)
        Unmanaged<DaemonContext>.fromOpaque(contextPointer).release()
    }

    /// Requests started and not yet completed.
    public var inFlight: Int { context.inFlight.load(ordering: .acquiring) }

    /// Stops accepting, lets the requests in flight finish (up to `grace` seconds), stops.
    public func stop(grace: Double) {
        guard !stopped else { return }
        stopped = true
        context.draining.store(true, ordering: .releasing)
        let listener = MHD_quiesce_daemon(handle)
        if listener >= 0 { close(listener) }
        let deadline = Date().addingTimeInterval(grace)
        while context.inFlight.load(ordering: .acquiring) > 0, Date() < deadline {
            usleep(2000)
        }
        MHD_stop_daemon(handle)
    }
}

/// What the C callbacks reach through their `cls` pointer.
final class DaemonContext: Sendable {
    let handler: any RequestHandler
    let bodyLimit: Int
    let log: (@Sendable (String) -> Void)?
    let inFlight = Atomic<Int>(0)
    let draining = Atomic<Bool>(false)

    init(handler: any RequestHandler, bodyLimit: Int, log: (@Sendable (String) -> Void)?) {
        self.handler = handler
        self.bodyLimit = bodyLimit
        self.log = log
    }
}

/// One request's state across the handler's calls, from the headers to the completion.
final class RequestState: Sendable {
    /// Method, path, query and headers; the body is gathered in `body`.
    let head: ServerRequest
    let started = Date()
    private struct Mutable {
        var body: [UInt8] = []
        var overflow = false
        var answered = false
        var dispatched = false
        var ready: ServerResponse?
        var status = 0
    }
    private let state = Mutex(Mutable())

    init(head: ServerRequest) { self.head = head }

    func append(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) {
        state.withLock { s in
            guard !s.overflow, !s.answered else { return }
            if s.body.count + bytes.count > limit {
                s.overflow = true
                s.body = []
            } else {
                s.body.append(contentsOf: bytes)
            }
        }
    }

    /// The body, or nil when it went over the limit.
    func takeBody() -> [UInt8]? {
        state.withLock { s in s.overflow ? nil : s.body }
    }

    var answered: Bool { state.withLock { s in s.answered } }
    func markAnswered(_ status: Int) {
        state.withLock { s in
            s.answered = true
            s.status = status
        }
    }
    var status: Int { state.withLock { s in s.status } }

    /// Marks the request handed to the handler; false when it already was.
    func dispatch() -> Bool {
        state.withLock { s in
            let first = !s.dispatched
            s.dispatched = true
            return first
        }
    }

    func setReady(_ response: ServerResponse) { state.withLock { s in s.ready = response } }
    func takeReady() -> ServerResponse? {
        state.withLock { s in
            let ready = s.ready
            s.ready = nil
            return ready
        }
    }
}

/// A connection handle that may cross to the thread that resumes it (MHD allows resuming
/// from any thread).
struct ConnectionRef: @unchecked Sendable {
    let pointer: OpaquePointer
}

private let accessHandler: MHD_AccessHandlerCallback = {
    cls, connection, url, method, _, uploadData, uploadSize, requestCls in
    guard let cls, let connection, let requestCls, let uploadSize else { return MHD_Result.NO }
    let context = Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue()
    guard let existing = requestCls.pointee else {
        let head = readHead(
            connection, path: url.map { String(cString: $0) } ?? "/",
            method: method.map { String(cString: $0) } ?? "GET")
        let state = RequestState(head: head)
        requestCls.pointee = Unmanaged.passRetained(state).toOpaque()
        context.inFlight.add(1, ordering: .relaxed)
        if context.draining.load(ordering: .acquiring) {
            return send(connection, context.handler.draining(head), state)
        }
        if let early = context.handler.preflight(head) {
            return send(connection, early, state)
        }
        return MHD_Result.YES
    }
    let state = Unmanaged<RequestState>.fromOpaque(existing).takeUnretainedValue()
    if uploadSize.pointee > 0 {
        if let uploadData, !state.answered {
            uploadData.withMemoryRebound(to: UInt8.self, capacity: uploadSize.pointee) {
                state.append(
                    UnsafeBufferPointer(start: $0, count: uploadSize.pointee),
                    limit: context.bodyLimit)
            }
        }
        uploadSize.pointee = 0
        return MHD_Result.YES
    }
    if state.answered { return MHD_Result.YES }
    if let ready = state.takeReady() { return send(connection, ready, state) }
    guard state.dispatch() else { return MHD_Result.YES }
    guard let body = state.takeBody() else {
        return send(
            connection, context.handler.tooLarge(state.head, limit: context.bodyLimit), state)
    }
    var request = state.head
    request.body = body
    switch context.handler.handle(request) {
    case .respond(let response):
        return send(connection, response, state)
    case .deferred(let start):
        let ref = ConnectionRef(pointer: connection)
        MHD_suspend_connection(connection)
        start { response in
            state.setReady(response)
            MHD_resume_connection(ref.pointer)
        }
        return MHD_Result.YES
    }
}

private let requestCompleted: MHD_RequestCompletedCallback = { cls, _, requestCls, _ in
    guard let cls, let requestCls, let pointer = requestCls.pointee else { return }
    requestCls.pointee = nil
    let context = Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue()
    let state = Unmanaged<RequestState>.fromOpaque(pointer).takeRetainedValue()
    context.inFlight.subtract(1, ordering: .releasing)
    if let log = context.log {
        let ms = Date().timeIntervalSince(state.started) * 1000
        let status = state.status == 0 ? "-" : "\(state.status)"
        log(
            "\(state.head.method) \(TerminalText.sanitize(state.head.path)) \(status) "
                + String(format: "%.1fms", ms))
    }
}

/// Queues `response` on `connection` (MHD copies the body).
private func send(_ connection: OpaquePointer, _ response: ServerResponse, _ state: RequestState)
    -> MHD_Result
{
    state.markAnswered(response.status)
    let made = response.body.withUnsafeBytes { raw in
        MHD_create_response_from_buffer(
            raw.count, UnsafeMutableRawPointer(mutating: raw.baseAddress),
            MHD_ResponseMemoryMode.RESPMEM_MUST_COPY)
    }
    guard let made else { return MHD_Result.NO }
    defer { MHD_destroy_response(made) }
    for header in response.headers {
        _ = MHD_add_response_header(made, header.name, header.value)
    }
    return MHD_queue_response(connection, UInt32(response.status), made)
}

/// The request's method, path, query arguments and headers.
private func readHead(_ connection: OpaquePointer, path: String, method: String) -> ServerRequest {
    let box = Unmanaged.passRetained(ValueBox()).toOpaque()
    defer { Unmanaged<ValueBox>.fromOpaque(box).release() }
    let values = Unmanaged<ValueBox>.fromOpaque(box).takeUnretainedValue()
    _ = MHD_get_connection_values(connection, MHD_ValueKind.HEADER_KIND, collectValue, box)
    let headers = values.take()
    _ = MHD_get_connection_values(connection, MHD_ValueKind.GET_ARGUMENT_KIND, collectValue, box)
    let query = values.take()
    return ServerRequest(
        method: method, path: path, query: query,
        headers: Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { _, last in last })
}

/// Gathers key/value pairs from `MHD_get_connection_values` on the calling thread.
private final class ValueBox {
    var values: [String: String] = [:]
    func take() -> [String: String] {
        defer { values = [:] }
        return values
    }
}

private let collectValue: MHD_KeyValueIterator = { cls, _, key, value in
    guard let cls, let key else { return MHD_Result.YES }
    let box = Unmanaged<ValueBox>.fromOpaque(cls).takeUnretainedValue()
    box.values[String(cString: key)] = value.map { String(cString: $0) } ?? ""
    return MHD_Result.YES
}
