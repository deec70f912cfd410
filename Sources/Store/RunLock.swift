import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How one process tells whether another still runs a stored run.
///
/// The process that runs a run holds an advisory lock (`flock`, exclusive) on
/// `.promptgate/runs/<id>.lock`, next to the store, from before the run's row is visible until
/// after the run is marked finished; then it removes the file. The kernel drops the lock when
/// the process ends, however it ends (SIGKILL included), so a run whose status is `running`
/// while nobody holds its lock is stale: its process is gone and `--resume` can finish it. A
/// stored pid could be reused by an unrelated process; the lock cannot. The descriptor is
/// close-on-exec, so a program the run starts (an `exec` provider) cannot keep it alive.
final class RunLock: @unchecked Sendable {
    let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    /// `.promptgate/runs/` for the store at `storePath`.
    static func directory(store storePath: String) -> String {
        ((storePath as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("runs")
    }

    static func path(store storePath: String, runID: Int64) -> String {
        (directory(store: storePath) as NSString).appendingPathComponent("\(runID).lock")
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Takes run `runID`'s lock (creating the file); nil when another process holds it.
    /// Retries briefly: a process checking the lock holds it shared for an instant.
    static func acquire(store storePath: String, runID: Int64) throws -> RunLock? {
        let path = path(store: storePath, runID: runID)
        do {
            try FileManager.default.createDirectory(
                atPath: directory(store: storePath), withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create \(directory(store: storePath)): \(error)")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        for attempt in 0..<20 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return RunLock(path: path, fd: fd) }
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw Failure(
                    description: "cannot lock \(path): \(String(cString: strerror(code)))")
            }
            if attempt < 19 { usleep(10_000) }
        }
        close(fd)
        return nil
    }

    /// Removes the file, then lets the lock go (on deinit): a process that opened the file
    /// before it was removed sees the lock free only once the run is marked finished.
    func release() {
        unlink(path)
    }

    /// Whether some process (this one included) holds run `runID`'s lock. No file means no
    /// holder; a lock that cannot be tested counts as held, so a run is never called stale
    /// without evidence.
    static func isHeld(store storePath: String, runID: Int64) -> Bool {
        let fd = open(path(store: storePath, runID: runID), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return errno != ENOENT }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }
}

/// The process a run belongs to, as stored with it (`owner_pid`, `owner_host`): for people
/// reading `history`; whether it is alive is decided by ``RunLock``.
public struct RunOwner: Sendable, Hashable {
    public var pid: Int32
    public var host: String

    static var current: RunOwner {
        var name = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&name, name.count - 1) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : ""
        return RunOwner(pid: getpid(), host: host)
    }
}
