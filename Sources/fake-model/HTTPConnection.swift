import Glibc

/// Reads HTTP/1.1 requests from one socket (sequential or pipelined, with
/// Content-Length or chunked bodies) and writes responses to it.
final class HTTPConnection {
    enum ReadResult {
        case request(IncomingRequest)
        case closed
        case malformed(OutgoingResponse)
    }

    private static let maxHeaderBytes = 64 * 1024
    private static let maxBodyBytes = 64 * 1024 * 1024

    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    func nextRequest() -> ReadResult {
        var line: [UInt8]
        repeat {  // Tolerate stray blank lines between requests.
            guard let next = readLine() else { return .closed }
            line = next
        } while line.isEmpty
        let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            return .malformed(.error(status: 400, message: "bad request line", type: "bad_request"))
        }
        var headers: [String: String] = [:]
        var headerBytes = line.count
        while true {
            guard let header = readLine() else { return .closed }
            if header.isEmpty { break }
            headerBytes += header.count
            guard headerBytes <= Self.maxHeaderBytes else {
                return .malformed(
                    .error(status: 431, message: "headers too large", type: "bad_request"))
            }
            let text = String(decoding: header, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else { continue }
            let name = text[..<colon].lowercased()
            headers[name] = text[text.index(after: colon)...].trimmingSpaces()
        }
        let version = String(parts[2])
        let connection = headers["connection"]?.lowercased() ?? ""
        let keepAlive =
            version == "HTTP/1.1"
            ? !connection.contains("close") : connection.contains("keep-alive")
        if headers["expect"]?.lowercased() == "100-continue" {
            _ = write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        let body: [UInt8]
        switch readBody(headers) {
        case .success(let bytes): body = bytes
        case .failure(let failure): return failure.result
        }
        let target = String(parts[1])
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        return .request(
            IncomingRequest(
                method: String(parts[0]).uppercased(), path: path, headers: headers, body: body,
                keepAlive: keepAlive))
    }

    private struct BodyFailure: Error {
        let result: ReadResult
    }

    private func readBody(_ headers: [String: String]) -> Result<[UInt8], BodyFailure> {
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            return readChunked()
        }
        guard let lengthText = headers["content-length"] else { return .success([]) }
        guard let length = Int(lengthText), length >= 0 else {
            return .failure(
                BodyFailure(
                    result: .malformed(
                        .error(status: 400, message: "bad Content-Length", type: "bad_request"))))
        }
        guard length <= Self.maxBodyBytes else { return .failure(Self.tooLarge) }
        guard let body = readBytes(length) else { return .failure(BodyFailure(result: .closed)) }
        return .success(body)
    }

    private func readChunked() -> Result<[UInt8], BodyFailure> {
        var body: [UInt8] = []
        while true {
            guard let sizeLine = readLine() else { return .failure(BodyFailure(result: .closed)) }
            let sizeText =
                String(decoding: sizeLine, as: UTF8.self)
                .split(separator: ";").first.map { $0.trimmingSpaces() } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                return .failure(
                    BodyFailure(
                        result: .malformed(
                            .error(status: 400, message: "bad chunk size", type: "bad_request"))))
            }
            if size == 0 { break }
            guard body.count + size <= Self.maxBodyBytes else { return .failure(Self.tooLarge) }
            guard let chunk = readBytes(size), readLine() != nil else {
                return .failure(BodyFailure(result: .closed))
            }
            body += chunk
        }
        while let trailer = readLine(), !trailer.isEmpty {}
        return .success(body)
    }

    private static let tooLarge = BodyFailure(
        result: .malformed(.error(status: 413, message: "body too large", type: "bad_request")))

    /// Writes all of `bytes`; false when the peer is gone.
    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { raw in
                send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Blocks until the peer closes the connection, discarding anything it sends.
    func waitForPeerClose() {
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
        }
    }

    /// Reads one CRLF- (or LF-) terminated line without its terminator.
    private func readLine() -> [UInt8]? {
        var searchFrom = 0
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                var line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            guard buffer.count <= Self.maxHeaderBytes else { return nil }
            searchFrom = buffer.count
            guard fill() else { return nil }
        }
    }

    private func readBytes(_ count: Int) -> [UInt8]? {
        while buffer.count < count {
            guard fill() else { return nil }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }),
            let end = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}
