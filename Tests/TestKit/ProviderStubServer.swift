import Foundation
import Glibc
import HTTPClient
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 for provider tests: answers each request with what
/// `handler` returns (one request per connection, `Connection: close`) and keeps every
/// request for assertions. Runs on its own thread; every wait is bounded.
public final class ProviderStubServer: Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: [UInt8]

        public var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        }
    }

    public struct Reply: Sendable {
        public var status: Int
        public var body: String
        public var contentType = "application/json"

        public init(status: Int, body: String, contentType: String = "application/json") {
            self.status = status
            self.body = body
            self.contentType = contentType
        }

        public static func json(_ body: String, status: Int = 200) -> Reply {
            Reply(status: status, body: body)
        }
    }

    public let port: Int
    private let fd: Int32
    private let state = Mutex<(requests: [Request], stopped: Bool)>(([], false))

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var requests: [Request] { state.withLock { $0.requests } }

    public init(handler: @escaping @Sendable (Request) -> Reply) throws {
        guard let (fd, port) = LoopbackSocket.bind(listening: 16) else {
            throw StubError("cannot listen on 127.0.0.1")
        }
        self.fd = fd
        self.port = port
        Thread { [self] in serve(handler) }.start()
    }

    /// Convenience: the same reply to every request.
    public convenience init(_ reply: Reply) throws {
        try self.init { _ in reply }
    }

    deinit { stop() }

    public func stop() {
        let first = state.withLock { s -> Bool in
            defer { s.stopped = true }
            return !s.stopped
        }
        if first { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func serve(_ handler: @Sendable (Request) -> Reply) {
        defer { close(fd) }
        while !state.withLock({ $0.stopped }) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let client = accept(fd, nil, nil)
            guard client >= 0 else { continue }
            if let request = Self.read(client) {
                state.withLock { $0.requests.append(request) }
                Self.write(handler(request), to: client)
            }
            close(client)
        }
    }

    /// Reads one request; nil on a malformed or stalled one (2 s per read).
    private static func read(_ client: Int32) -> Request? {
        var data: [UInt8] = []
        var headerEnd: Int?
        var contentLength = 0
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let end = headerEnd, data.count >= end + contentLength { break }
            var poller = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 2000) > 0 else { return nil }
            let n = recv(client, &chunk, chunk.count, 0)
            guard n > 0 else { return nil }
            data.append(contentsOf: chunk[0..<n])
            if headerEnd == nil, let range = findHeaderEnd(data) {
                headerEnd = range
                let head = String(decoding: data[0..<range], as: UTF8.self)
                for line in head.split(separator: "\r\n")
                where line.lowercased().hasPrefix("content-length:") {
                    contentLength =
                        Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
        guard let end = headerEnd else { return nil }
        let lines = String(decoding: data[0..<end], as: UTF8.self).split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        return Request(
            method: String(requestLine[0]), path: String(requestLine[1]), headers: headers,
            body: Array(data[end..<(end + contentLength)]))
    }

    /// The offset just past `\r\n\r\n`.
    private static func findHeaderEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for i in 0...(data.count - 4)
        where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
            return i + 4
        }
        return nil
    }

    private static func write(_ reply: Reply, to client: Int32) {
        let body = Array(reply.body.utf8)
        let head =
            "HTTP/1.1 \(reply.status) Stub\r\nContent-Type: \(reply.contentType)\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes {
                send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { return }
            sent += n
        }
    }
}

public struct StubError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
