import Foundation
import Glibc

/// A listener on 127.0.0.1 that answers one connection with fixed bytes and closes
/// it, for responses fake-model never produces (no Content-Length, truncated).
final class OneShotServer: Sendable {
    let port: Int
    private let fd: Int32

    init?(reply: [UInt8]) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, size) == 0 && getsockname(fd, $0, &size) == 0
            }
        }
        guard fd >= 0, bound, listen(fd, 4) == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread {
            // Bounded: give up if no client arrives within 5 s.
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 5000) > 0 else { return }
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            var request = [UInt8](repeating: 0, count: 65536)
            _ = recv(client, &request, request.count, 0)
            _ = reply.withUnsafeBytes {
                send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            close(client)
        }.start()
    }

    deinit {
        close(fd)
    }
}
