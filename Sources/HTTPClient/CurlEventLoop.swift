internal import CCurl
import Foundation
import Synchronization

/// The one thread that drives every transfer of a `CurlClient` with libcurl's multi-socket
/// API on an epoll set (`CurlSockets`). Other threads only touch `state` (under its mutex)
/// and wake the loop through an eventfd when it sleeps.
final class CurlEventLoop: @unchecked Sendable {
    private struct State {
        var incoming: [CurlJob] = []
        var cancelled: [UInt64] = []
        /// Submitted and not yet resumed; lets `cancel` ignore finished ids.
        var live: Set<UInt64> = []
        var nextID: UInt64 = 0
        var stopping = false
        /// The loop found nothing queued and waits: whoever queues next must wake it.
        var sleeping = false
    }

    private let state = Mutex(State())
    private let multi: CurlMulti?
    /// Only the loop thread uses it after `init`, except `signal`, which any thread may call.
    private let sockets: CurlSockets?

    init(maxConnections: Int) {
        let multi = CurlMulti(maxConnections: maxConnections)
        let sockets = multi == nil ? nil : CurlSockets()
        if let multi, let sockets { sockets.attach(to: multi) }
        self.multi = sockets == nil ? nil : multi
        self.sockets = sockets
        guard self.multi != nil else { return }
        let thread = Thread { [self] in
            if let multi = self.multi, let sockets = self.sockets { run(multi, sockets) }
        }
        thread.name = "CurlClient loop"
        thread.start()
    }

    func makeID() -> UInt64 {
        state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
    }

    /// Queues `job` for the loop; must be called from the awaiting task so its
    /// cancellation flag is checked under the same lock `cancel` takes.
    func submit(_ job: CurlJob) {
        let rejection: (any Error)? = state.withLock { state in
            if multi == nil {
                return HTTPClientError.transport(code: -1, message: "curl init failed")
            }
            if state.stopping { return HTTPClientError.cancelled }
            if Task.isCancelled { return CancellationError() }
            state.incoming.append(job)
            state.live.insert(job.id)
            wakeIfSleeping(&state)
            return nil
        }
        if let rejection { job.resume(.failure(rejection)) }
    }

    func cancel(_ id: UInt64) {
        state.withLock { state in
            guard state.live.contains(id) else { return }
            state.cancelled.append(id)
            wakeIfSleeping(&state)
        }
    }

    func shutdown() {
        state.withLock { state in
            state.stopping = true
            state.sleeping = false
        }
        sockets?.signal()
    }

    /// Under the lock, so the loop cannot go to sleep between the check and the signal.
    private func wakeIfSleeping(_ state: inout State) {
        guard state.sleeping else { return }
        state.sleeping = false
        sockets?.signal()
    }

    private func run(_ multi: CurlMulti, _ sockets: CurlSockets) {
        var active: [UInt64: Transfer] = [:]
        var running: Int32 = 0
        func fireTimer() {
            if sockets.takeDueTimer() {
                _ = curl_multi_socket_action(multi.handle, CURL_SOCKET_TIMEOUT, 0, &running)
            }
        }
        while true {
            let (jobs, cancelled, stopping) = state.withLock { state in
                state.sleeping = false
                defer {
                    state.incoming.removeAll()
                    state.cancelled.removeAll()
                }
                return (state.incoming, state.cancelled, state.stopping)
            }
            if stopping {
                let pending = active.values.map(\.job) + jobs
                for transfer in active.values {
                    curl_multi_remove_handle(multi.handle, transfer.easy)
                }
                active.removeAll()
                state.withLock { $0.live.removeAll() }
                for job in pending { job.resume(.failure(HTTPClientError.cancelled)) }
                return
            }
            for job in jobs { start(job, on: multi, into: &active) }
            for id in cancelled {
                guard let transfer = active[id] else { continue }
                finish(transfer, .failure(CancellationError()), on: multi, in: &active)
            }
            // Adding a transfer sets the timer to now: this call starts it.
            fireTimer()
            completeFinished(on: multi, in: &active)
            let idle = state.withLock { state in
                guard state.incoming.isEmpty, state.cancelled.isEmpty, !state.stopping else {
                    return false
                }
                state.sleeping = true
                return true
            }
            // What this wakes finishes or times out at the top of the next pass.
            sockets.wait(limit: idle ? .seconds(1) : .zero) { socket, bits in
                _ = curl_multi_socket_action(multi.handle, socket, bits, &running)
            }
        }
    }

    private func start(_ job: CurlJob, on multi: CurlMulti, into active: inout [UInt64: Transfer]) {
        let transfer: Transfer
        do {
            transfer = try Transfer(job: job)
        } catch {
            state.withLock { _ = $0.live.remove(job.id) }
            job.resume(.failure(error))
            return
        }
        let code = curl_multi_add_handle(multi.handle, transfer.easy)
        guard code == CURLM_OK else {
            state.withLock { _ = $0.live.remove(job.id) }
            let message = String(cString: curl_multi_strerror(code))
            job.resume(
                .failure(HTTPClientError.transport(code: Int(code.rawValue), message: message)))
            return
        }
        active[job.id] = transfer
    }

    private func completeFinished(on multi: CurlMulti, in active: inout [UInt64: Transfer]) {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi.handle, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle
            else { continue }
            // Copy out before remove_handle invalidates `message`.
            let code = message.pointee.data.result
            var context: UnsafeMutableRawPointer?
            _ = pg_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context)
            guard let context else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            guard active[transfer.job.id] === transfer else { continue }
            finish(transfer, Self.result(of: transfer, code: code), on: multi, in: &active)
        }
    }

    private func finish(
        _ transfer: Transfer, _ result: Result<HTTPResponse, any Error>, on multi: CurlMulti,
        in active: inout [UInt64: Transfer]
    ) {
        curl_multi_remove_handle(multi.handle, transfer.easy)
        active[transfer.job.id] = nil
        state.withLock { _ = $0.live.remove(transfer.job.id) }
        transfer.job.resume(result)
    }

    private static func result(of transfer: Transfer, code: CURLcode) -> Result<
        HTTPResponse, any Error
    > {
        guard code == CURLE_OK else {
            return .failure(HTTPClientError(code: code, transfer: transfer))
        }
        var status = 0
        _ = pg_easy_getinfo_long(transfer.easy, CURLINFO_RESPONSE_CODE, &status)
        let elapsed = transfer.job.started.duration(to: .now)
        let seconds =
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return .success(
            HTTPResponse(
                status: status, headers: transfer.headers, body: transfer.body, elapsed: seconds))
    }
}
