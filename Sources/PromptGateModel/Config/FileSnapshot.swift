import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A private copy of a file's bytes, in one unlinked temporary file the process shares for
/// all its copies. A big suite's cases are read back from it when needed instead of staying
/// decoded in memory, and an edit to the suite during a run changes nothing: what runs is
/// what was hashed and checked at load.
final class FileSnapshot: Sendable {
    private let base: Int
    /// Bytes in the copy.
    let count: Int
    /// Byte offset of every `lineStride`-th line (lines 1, 1 + stride, …): a line is found
    /// with one short read, not a scan of the whole file.
    private let sampledLineStarts: [Int]
    private static let lineStride = 64

    /// Copies `bytes`; nil when the temporary directory cannot take them (callers keep the
    /// bytes in memory instead).
    init?(bytes: [UInt8]) {
        guard let base = SnapshotFile.shared?.append(bytes) else { return nil }
        self.base = base
        count = bytes.count
        var starts = [0]
        var line = 1
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == UInt8(ascii: "\n") {
                line += 1
                if line % Self.lineStride == 1 { starts.append(index + 1) }
            }
        }
        sampledLineStarts = starts
    }

    deinit { SnapshotFile.shared?.release(offset: base, count: count) }

    /// `length` bytes from `offset`; fewer only past the end or on an I/O error.
    func read(offset: Int, length: Int) -> [UInt8] {
        let length = max(0, min(length, count - offset))
        return [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            var done = 0
            while done < length {
                let n = pread(
                    SnapshotFile.descriptor, buffer.baseAddress! + done, length - done,
                    off_t(base + offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            initialized = done
        }
    }

    /// The whole copy.
    func bytes() -> [UInt8] { read(offset: 0, length: count) }

    /// The text of 1-based line `number` without its line break, if the file has it.
    func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        let sample = (number - 1) / Self.lineStride
        guard sample < sampledLineStarts.count else { return nil }
        var offset = sampledLineStarts[sample]
        var line = sample * Self.lineStride + 1
        var pending: [UInt8] = []
        while offset < count {
            let chunk = read(offset: offset, length: 16 * 1024)
            guard !chunk.isEmpty else { return nil }
            offset += chunk.count
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    if line == number { return Self.text(pending) }
                    line += 1
                } else if line == number {
                    pending.append(byte)
                }
            }
        }
        return line == number ? Self.text(pending) : nil
    }

    private static func text(_ bytes: [UInt8]) -> String {
        var bytes = bytes[...]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The unlinked temporary file behind every ``FileSnapshot``: one descriptor for the
/// process however many suites it loads; space is handed back when a copy goes away.
private final class SnapshotFile: Sendable {
    static let shared = SnapshotFile()
    static var descriptor: Int32 { shared?.fd ?? -1 }

    private let fd: Int32
    private let end = Mutex(0)

    private init?() {
        var template = Array((NSTemporaryDirectory() + "/promptgate-suites-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        self.fd = fd
    }

    /// Writes `bytes` at a fresh offset, which it returns; nil on a write error.
    func append(_ bytes: [UInt8]) -> Int? {
        let base = end.withLock { end in
            defer { end += bytes.count }
            return end
        }
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(base + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        return written ? base : nil
    }

    /// Frees the disk space of a copy no longer read (best effort).
    func release(offset: Int, count: Int) {
        guard count > 0 else { return }
        _ = punchHole(fd, 0x02 | 0x01, offset, count)  // FALLOC_FL_PUNCH_HOLE | KEEP_SIZE
    }
}

/// glibc's `fallocate` (Glibc's module map leaves it out: it needs `_GNU_SOURCE`).
@_silgen_name("fallocate")
private func punchHole(_ fd: Int32, _ mode: Int32, _ offset: Int, _ length: Int) -> Int32
