import Foundation
import Glibc
import Synchronization

/// Listens on 127.0.0.1 and serves each connection on its own thread.
struct Server {
    let router: Router
    /// `--exit-after`: the process exits once this many chat completions were answered.
    let exitAfter: Int?
    private static let answered = Atomic<Int>(0)

    /// Binds and listens; returns the socket and its port, or a message.
    static func listen(port: UInt16) -> Result<(fd: Int32, port: UInt16), ServerError> {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failure(ServerError("socket: \(lastError())")) }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)  // 127.0.0.1 only.
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
        }
        guard bound == 0, Glibc.listen(fd, 1024) == 0 else {
            let message = lastError()
            close(fd)
            return .failure(ServerError("cannot listen on 127.0.0.1:\(port): \(message)"))
        }
        var actual = sockaddr_in()
        var actualSize = size
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(fd, $0, &actualSize)
            }
        }
        return .success((fd, UInt16(bigEndian: actual.sin_port)))
    }

    /// Accepts connections forever.
    func serve(fd: Int32) -> Never {
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else {
                if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                continue
            }
            var yes: Int32 = 1
            _ = setsockopt(
                client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let router = router
            let exitAfter = exitAfter
            let thread = Thread {
                Self.run(connection: client, router: router, exitAfter: exitAfter)
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    private static func run(connection fd: Int32, router: Router, exitAfter: Int?) {
        router.stats.connectionOpened()
        defer { router.stats.connectionClosed() }
        let connection = HTTPConnection(fd: fd)
        while true {
            switch connection.nextRequest() {
            case .closed:
                return
            case .malformed(let response):
                _ = connection.write(response.serialized(keepAlive: false))
                return
            case .request(let request):
                switch router.handle(request) {
                case .hang:
                    connection.waitForPeerClose()
                    return
                case .close:
                    return
                case .respond(let response):
                    let sent = connection.write(response.serialized(keepAlive: request.keepAlive))
                    if let exitAfter, request.path.hasSuffix("/chat/completions"),
                        answered.add(1, ordering: .relaxed).newValue >= exitAfter
                    {
                        _exit(0)  // No cleanup: other connections see the server vanish.
                    }
                    guard sent, request.keepAlive else { return }
                }
            }
        }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// A startup failure.
struct ServerError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
