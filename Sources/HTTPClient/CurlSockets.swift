internal import CCurl
import Glibc

/// The sockets and the timer libcurl asks the event loop to watch (the multi-socket API), on
/// one epoll set, with an eventfd that other threads write to wake the loop.
///
/// Why not `curl_multi_poll`: `curl_multi_perform` then checks every transfer's socket with
/// its own `poll` on each pass (17 system calls per request at concurrency 32); told which
/// socket is ready, libcurl touches only that transfer.
final class CurlSockets {
    private let epoll: Int32
    private let wake: Int32
    /// When libcurl wants `curl_multi_socket_action(CURL_SOCKET_TIMEOUT)`; nil for never.
    private var deadline: ContinuousClock.Instant?
    private var readyFDs = [Int32](repeating: 0, count: 128)
    private var readyBits = [Int32](repeating: 0, count: 128)

    /// Nil when the kernel gives no epoll set or eventfd.
    init?() {
        let epoll = pg_epoll_create()
        guard epoll >= 0 else { return nil }
        let wake = pg_eventfd()
        guard wake >= 0, pg_epoll_watch(epoll, wake, 1, 0) == 0 else {
            if wake >= 0 { close(wake) }
            close(epoll)
            return nil
        }
        self.epoll = epoll
        self.wake = wake
    }

    deinit {
        close(wake)
        close(epoll)
    }

    /// Points `curl`'s socket and timer callbacks at this watcher, which it keeps.
    func attach(to curl: CurlMulti) {
        curl.callbackTarget = self
        let multi = curl.handle
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = pg_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, context)
        _ = pg_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, context)
        _ = pg_multi_setopt_socket_callback(multi) { _, socket, what, context, _ in
            guard let context else { return 0 }
            let sockets = Unmanaged<CurlSockets>.fromOpaque(context).takeUnretainedValue()
            // Removing fails harmlessly when libcurl already closed the socket.
            let wanted = what == CURL_POLL_REMOVE ? 0 : what
            _ = pg_epoll_watch(
                sockets.epoll, socket, wanted & CURL_POLL_IN, wanted & CURL_POLL_OUT)
            return 0
        }
        _ = pg_multi_setopt_timer_callback(multi) { _, milliseconds, context in
            guard let context else { return 0 }
            let sockets = Unmanaged<CurlSockets>.fromOpaque(context).takeUnretainedValue()
            sockets.deadline = milliseconds < 0 ? nil : .now + .milliseconds(milliseconds)
            return 0
        }
    }

    /// Wakes the loop from any thread.
    func signal() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(wake, $0.baseAddress, 8) }
    }

    /// Waits until a socket is ready, the timer is due, the loop is woken or `limit` passes;
    /// calls `ready` with each ready socket and libcurl's `CURL_CSELECT_*` bits.
    func wait(limit: Duration, _ ready: (curl_socket_t, Int32) -> Void) {
        var timeout = limit
        if let deadline {
            timeout = min(timeout, max(.zero, ContinuousClock.now.duration(to: deadline)))
        }
        let (seconds, attoseconds) = timeout.components
        // Round up: waking a little early would only spin until the timer is due.
        let milliseconds = Int32(
            seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        let count = readyFDs.withUnsafeMutableBufferPointer { fds in
            readyBits.withUnsafeMutableBufferPointer { bits in
                pg_epoll_wait(
                    epoll, fds.baseAddress, bits.baseAddress, Int32(fds.count), milliseconds)
            }
        }
        guard count > 0 else { return }
        for i in 0..<Int(count) {
            if readyFDs[i] == wake {
                var value: UInt64 = 0
                _ = withUnsafeMutableBytes(of: &value) { read(wake, $0.baseAddress, 8) }
                continue
            }
            ready(readyFDs[i], readyBits[i])
        }
    }

    /// Whether the timer is due; clears it, as libcurl sets it again when it still wants one.
    func takeDueTimer() -> Bool {
        guard let deadline, deadline <= .now else { return false }
        self.deadline = nil
        return true
    }
}
