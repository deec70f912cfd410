import Foundation
import Glibc
import TestKit

/// A listener on 127.0.0.1 that answers one connection with fixed bytes and closes
/// it, for responses fake-model never produces (no Content-Length, truncated).
final class OneShotServer: Sendable {
    let port: Int
    private let fd: Int32

    init?(reply: [UInt8]) {
        guard let (fd, port) = LoopbackSocket.bind(listening: 4) else { return nil }
        self.fd = fd
        self.port = port
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
