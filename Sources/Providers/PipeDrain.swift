import Glibc

/// Feeds a child's stdin and drains its stdout and stderr together with `poll`, so neither
/// side can block the other, until both pipes close (or shortly after the child exits, in
/// case something it started keeps them open), the deadline passes, or stdout grows too big.
struct PipeDrain {
    enum Outcome: Equatable {
        case exited(Int32)
        case deadline
        case tooLarge
    }

    let pipes: Pipes
    let input: [UInt8]
    let maxOutputBytes: Int
    private(set) var stdout: [UInt8] = []
    private(set) var stderr: [UInt8] = []
    private var written = 0

    /// How long pipes may stay open after the child exits.
    static let grace: Duration = .milliseconds(200)
    /// Poll slice: how often the child's exit is checked while pipes stay quiet.
    static let slice = 20

    init(pipes: Pipes, input: [UInt8], maxOutputBytes: Int) {
        self.pipes = pipes
        self.input = input
        self.maxOutputBytes = maxOutputBytes
    }

    mutating func run(
        control: ChildProcess.Control, until deadline: ContinuousClock.Instant
    ) -> Outcome {
        var exitStatus: Int32?
        var graceEnd: ContinuousClock.Instant?
        if input.isEmpty { Pipes.close(&pipes.stdin.write) }
        while pipes.stdout.read >= 0 || pipes.stderr.read >= 0 {
            let now = ContinuousClock.now
            if let graceEnd, now >= graceEnd { break }
            if exitStatus == nil, now >= deadline { return .deadline }
            var fds: [pollfd] = []
            if pipes.stdin.write >= 0 {
                fds.append(pollfd(fd: pipes.stdin.write, events: Int16(POLLOUT), revents: 0))
            }
            for fd in [pipes.stdout.read, pipes.stderr.read] where fd >= 0 {
                fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
            }
            let left = deadline - now
            let leftMs = Int(
                left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
            )
            _ = poll(&fds, nfds_t(fds.count), Int32(max(1, min(Self.slice, leftMs))))
            for entry in fds where entry.revents != 0 {
                if entry.fd == pipes.stdin.write {
                    writeInput()
                } else if entry.fd == pipes.stdout.read {
                    Self.read(&pipes.stdout.read, into: &stdout)
                    if stdout.count > maxOutputBytes { return .tooLarge }
                } else {
                    Self.read(&pipes.stderr.read, into: &stderr)
                    // Only an excerpt of stderr is ever shown.
                    if stderr.count > 64 * 1024 { stderr.removeFirst(stderr.count - 64 * 1024) }
                }
            }
            if exitStatus == nil, let status = control.reap(blocking: false) {
                exitStatus = status
                graceEnd = ContinuousClock.now + Self.grace
            }
        }
        while exitStatus == nil {
            if let status = control.reap(blocking: false) {
                exitStatus = status
            } else if ContinuousClock.now >= deadline {
                return .deadline
            } else {
                usleep(1000)
            }
        }
        return .exited(exitStatus ?? 0)
    }

    private mutating func writeInput() {
        while written < input.count {
            let fd = pipes.stdin.write
            let offset = written
            let n = input.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, raw.count - offset)
            }
            if n > 0 {
                written += n
            } else if n < 0, errno == EAGAIN || errno == EINTR {
                return
            } else {
                break  // EPIPE: the child does not read its input; that is its business.
            }
        }
        Pipes.close(&pipes.stdin.write)
    }

    private static func read(_ fd: inout Int32, into buffer: inout [UInt8]) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n > 0 {
            buffer.append(contentsOf: chunk[0..<n])
        } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
            Pipes.close(&fd)
        }
    }
}
