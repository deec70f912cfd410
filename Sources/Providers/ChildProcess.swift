import Foundation
import Glibc
import Synchronization

/// Runs one program to completion with bytes on stdin, capturing stdout and stderr.
///
/// Spawned with `posix_spawn` (no shell), a clean signal mask and default handlers, in its own
/// process group so a timeout or cancellation can SIGKILL it with everything it started. All
/// blocking work (writing stdin, draining both pipes, waiting) happens on one dedicated thread
/// per process, never on Swift's cooperative pool.
package struct ChildProcess: Sendable {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    /// Working directory; nil keeps the current one.
    var directory: String?
    var timeout: Double
    /// Stdout beyond this many bytes kills the process.
    var maxOutputBytes = 16 * 1024 * 1024

    package init(
        executable: String, arguments: [String], environment: [String: String],
        directory: String? = nil, timeout: Double, maxOutputBytes: Int = 16 * 1024 * 1024
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
    }

    package enum Termination: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        case outputTooLarge
        /// Reaped by someone else (e.g. SIGCHLD ignored): the status is unknown.
        case unknown
    }

    package struct Result: Sendable {
        package var termination: Termination
        package var stdout: [UInt8]
        package var stderr: [UInt8]
        var elapsed: Double
    }

    /// Runs the process. Throws `ChildProcessError.spawn` when it cannot start and
    /// `CancellationError` when the task is cancelled (the process group is killed).
    package func run(stdin: [UInt8]) async throws -> Result {
        let control = Control()
        let result: Result = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    continuation.resume(with: Swift.Result { try self.runBlocking(stdin, control) })
                }
                thread.name = "promptgate-exec"
                thread.start()
            }
        } onCancel: {
            control.cancel()
        }
        if control.isCancelled { throw CancellationError() }
        return result
    }

    /// Lets a cancellation handler kill the process group while it exists. Kills and reaps
    /// happen under one lock, so a kill never reaches a reaped (possibly reused) pid.
    final class Control: Sendable {
        private let state = Mutex<(pid: pid_t, cancelled: Bool)>((0, false))

        var isCancelled: Bool { state.withLock { $0.cancelled } }

        func cancel() {
            state.withLock { s in
                s.cancelled = true
                if s.pid > 0 { ChildProcess.killGroup(s.pid) }
            }
        }

        /// Records the pid and kills it at once when cancelled already.
        func started(_ pid: pid_t) {
            state.withLock { s in
                s.pid = pid
                if s.cancelled { ChildProcess.killGroup(pid) }
            }
        }

        /// Kills the group unless the process was reaped.
        func kill() {
            state.withLock { s in
                if s.pid > 0 { ChildProcess.killGroup(s.pid) }
            }
        }

        /// `waitpid`; the exit status once reaped, nil while it runs.
        func reap(blocking: Bool) -> Int32? {
            state.withLock { s in
                guard s.pid > 0 else { return nil }
                var status: Int32 = 0
                let rc = waitpid(s.pid, &status, blocking ? 0 : WNOHANG)
                guard rc == s.pid || (rc < 0 && errno != EINTR) else { return nil }
                s.pid = 0
                return rc < 0 ? -1 : status
            }
        }
    }

    static func killGroup(_ pid: pid_t) {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
    }

    private func runBlocking(_ input: [UInt8], _ control: Control) throws -> Result {
        // Writing to a closed stdin pipe must give EPIPE here, not kill promptgate.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)

        let started = ContinuousClock.now
        let pipes = try Pipes()
        let pid = try spawn(pipes)
        pipes.closeChildEnds()
        control.started(pid)
        var drain = PipeDrain(pipes: pipes, input: input, maxOutputBytes: maxOutputBytes)
        // Clamped: an absurd timeout must not overflow the conversion.
        let deadline = started + .milliseconds(Int64(min(max(timeout, 0), 1e7) * 1000))
        var termination: Termination
        switch drain.run(control: control, until: deadline) {
        case .exited(let status):
            termination = Self.decode(status)
        case .deadline:
            control.kill()
            _ = control.reap(blocking: true)
            termination = .timedOut
        case .tooLarge:
            control.kill()
            _ = control.reap(blocking: true)
            termination = .outputTooLarge
        }
        pipes.closeAll()
        let elapsed = ContinuousClock.now - started
        let seconds =
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(
            termination: termination, stdout: drain.stdout, stderr: drain.stderr,
            elapsed: seconds)
    }

    /// WIFEXITED / WEXITSTATUS / WTERMSIG by hand: the macros are not imported.
    static func decode(_ status: Int32) -> Termination {
        if status == -1 { return .unknown }
        return status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
    }

    private func spawn(_ pipes: Pipes) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes.stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, pipes.stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, pipes.stderr.write, 2)
        // Descriptors promptgate (or Foundation) opened without close-on-exec stay out of the
        // child: a long-lived child would otherwise keep sockets or files open (ETXTBSY).
        _ = Self.addclosefrom.map { $0(&actions, 3) }
        if let directory {
            guard let addchdir = Self.addchdir else {
                throw ChildProcessError.spawn("this C library cannot set a child's directory")
            }
            let rc = directory.withCString { addchdir(&actions, $0) }
            guard rc == 0 else { throw ChildProcessError.spawn(String(cString: strerror(rc))) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp =
            environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
            + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        var rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: another thread's fork briefly holds the script open for writing (it was
        // just written); it clears once that child execs.
        // Under load that child may take a while to exec: wait up to about 5 s.
        for attempt in 1...55 where rc == ETXTBSY {
            usleep(useconds_t(min(attempt, 10) * 10_000))
            rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        }
        guard rc == 0 else { throw ChildProcessError.spawn(String(cString: strerror(rc))) }
        return pid
    }

    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?)
        -> Int32

    typealias AddClosefrom =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+).
    private static let addclosefrom = cFunction(
        "posix_spawn_file_actions_addclosefrom_np", AddClosefrom.self)

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift does not import.
    private static let addchdir = cFunction("posix_spawn_file_actions_addchdir_np", AddChdir.self)
}

/// A C library function that Swift's Glibc module does not import, looked up at run time.
func cFunction<F>(_ name: String, _ type: F.Type) -> F? {
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
    return unsafeBitCast(symbol, to: type)
}

private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32

/// glibc's `pipe2`, hidden from Swift behind _GNU_SOURCE.
private let pipe2 = cFunction("pipe2", Pipe2.self)

enum ChildProcessError: Error, Sendable, Equatable {
    case spawn(String)
    case pipe(String)
}

/// The three pipes of a child, close-on-exec so concurrent spawns never inherit each other's.
final class Pipes {
    struct Pair {
        var read: Int32
        var write: Int32
    }

    var stdin = Pair(read: -1, write: -1)
    var stdout = Pair(read: -1, write: -1)
    var stderr = Pair(read: -1, write: -1)

    init() throws {
        stdin = try Self.make()
        stdout = try Self.make()
        stderr = try Self.make()
        for fd in [stdin.write, stdout.read, stderr.read] {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
    }

    private static func make() throws -> Pair {
        var fds: [Int32] = [-1, -1]
        let rc = pipe2.map { $0(&fds, O_CLOEXEC) } ?? pipe(&fds)
        guard rc == 0 else { throw ChildProcessError.pipe(String(cString: strerror(errno))) }
        if pipe2 == nil {
            // Without pipe2 there is a window where a concurrent spawn inherits these fds.
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        return Pair(read: fds[0], write: fds[1])
    }

    func closeChildEnds() {
        Self.close(&stdin.read)
        Self.close(&stdout.write)
        Self.close(&stderr.write)
    }

    func closeAll() {
        Self.close(&stdin.read)
        Self.close(&stdin.write)
        Self.close(&stdout.read)
        Self.close(&stdout.write)
        Self.close(&stderr.read)
        Self.close(&stderr.write)
    }

    static func close(_ fd: inout Int32) {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { closeAll() }
}
