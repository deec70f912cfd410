import Foundation
import Glibc

/// Waits for changes under a few directories with inotify: the thread that waits sleeps in
/// `poll` until the kernel reports a change or the wait is cancelled (a self-pipe), so an
/// idle `watch` uses no CPU. Only file descriptors inside, so it may cross tasks.
final class FileWatcher: Sendable {
    private let inotify: Int32
    private let wake: [Int32]
    /// Watch descriptor → which names in that directory count (the store's own writes under
    /// the project root must not start a pass).
    private let filters: [Int32: @Sendable (String) -> Bool]

    /// Watches `directories` (those that exist, each with the file names that matter) for
    /// files written, created, moved or deleted.
    init(directories: [(path: String, matters: @Sendable (String) -> Bool)]) throws {
        inotify = inotify_init1(Int32(IN_CLOEXEC))
        guard inotify >= 0 else { throw WatchError("inotify_init1 failed: errno \(errno)") }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw WatchError("pipe failed: errno \(errno)") }
        wake = fds
        let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM)
        var filters: [Int32: @Sendable (String) -> Bool] = [:]
        for (directory, matters) in directories
        where FileManager.default.fileExists(atPath: directory) {
            let wd = inotify_add_watch(inotify, directory, mask)
            guard wd >= 0 else { throw WatchError("cannot watch \(directory): errno \(errno)") }
            filters[wd] = matters
        }
        self.filters = filters
    }

    /// Whether a buffer of `inotify_event`s names a file that matters.
    private static func relevant(
        _ buffer: [UInt8], count: Int, filters: [Int32: @Sendable (String) -> Bool]
    ) -> Bool {
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        var found = false
        while offset + header <= count {
            let (wd, length) = buffer.withUnsafeBytes { raw in
                (
                    raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                    Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                )
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            if filters[wd]?(name) == true { found = true }
            offset += header + length
        }
        return found
    }

    deinit {
        close(inotify)
        close(wake[0])
        close(wake[1])
    }

    struct WatchError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Waits for the next change to a file that matters, then lets a burst of writes settle
    /// (an editor's save is several events); false when the task was cancelled (Ctrl-C).
    func next() async -> Bool {
        let inotify = self.inotify
        let filters = self.filters
        let (readEnd, writeEnd) = (wake[0], wake[1])
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                Thread {
                    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                    var fds = [
                        pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                        pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0),
                    ]
                    while true {
                        fds[0].revents = 0
                        fds[1].revents = 0
                        while poll(&fds, 2, -1) < 0 && errno == EINTR {}
                        if fds[1].revents != 0 {
                            var byte: UInt8 = 0
                            _ = read(readEnd, &byte, 1)
                            continuation.resume(returning: false)
                            return
                        }
                        let n = read(inotify, &buffer, buffer.count)
                        if n > 0, Self.relevant(buffer, count: n, filters: filters) { break }
                    }
                    // Drain this burst: events until 150 ms pass without one.
                    var one = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)]
                    while poll(&one, 1, 150) > 0 {
                        _ = read(inotify, &buffer, buffer.count)
                        one[0].revents = 0
                    }
                    continuation.resume(returning: true)
                }.start()
            }
        } onCancel: {
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
    }
}
