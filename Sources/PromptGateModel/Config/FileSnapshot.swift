import Basics
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

    /// Whether every line break is `\n` or `\r\n` in UTF-8, so lines count as libyaml counts
    /// them (see ``LineScan``).
    let linesAreNewlines: Bool

    /// Copies the regular file at `path` a chunk at a time, hashing it on the way: its bytes
    /// are never all in memory. Nil when it cannot be read or the copy cannot be written.
    static func copying(path: String) -> (snapshot: FileSnapshot, sha256: String)? {
        guard let shared = SnapshotFile.shared else { return nil }
        guard let fd = SourceFile.openRegularFile(path) else { return nil }
        defer { close(fd) }
        let digest = SHA256Stream()
        var scan = LineScan(stride: lineStride)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        let copied = shared.append { write in
            while true {
                let n = Glibc.read(fd, chunk.baseAddress, chunk.count)
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { return false }
                if n == 0 { return true }
                let piece = UnsafeRawBufferPointer(rebasing: chunk[0..<n])
                digest.update(piece)
                scan.add(piece.bindMemory(to: UInt8.self))
                guard write(piece) else { return false }
            }
        }
        guard let (base, count) = copied else { return nil }
        let snapshot = FileSnapshot(
            base: base, count: count, sampledLineStarts: scan.sampledStarts,
            linesAreNewlines: scan.finish())
        return (snapshot, digest.finishHex())
    }

    private init(base: Int, count: Int, sampledLineStarts: [Int], linesAreNewlines: Bool) {
        self.base = base
        self.count = count
        self.sampledLineStarts = sampledLineStarts
        self.linesAreNewlines = linesAreNewlines
    }

    /// The copy mapped read-only, for a parser that reads it once from start to end.
    func map() -> MappedBytes? {
        MappedBytes(descriptor: SnapshotFile.descriptor, offset: base, count: count)
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

    /// The last bytes read ahead for ``readNear(offset:length:)``: where they start, and them.
    private let window = Mutex<(start: Int, bytes: [UInt8])>((0, []))
    private static let windowSize = 64 * 1024

    /// `read(offset:length:)` for small pieces read mostly in file order (a suite's cases as
    /// they run): served from one read-ahead window, so a case costs no system call.
    func readNear(offset: Int, length: Int) -> [UInt8] {
        guard length <= Self.windowSize / 4 else { return read(offset: offset, length: length) }
        return window.withLock { window in
            let end = min(offset + length, count)
            if offset < window.start || end > window.start + window.bytes.count {
                window = (offset, read(offset: offset, length: Self.windowSize))
            }
            // A short read (an I/O error) gives fewer bytes, as `read` does.
            let from = min(offset - window.start, window.bytes.count)
            let upper = min(end - window.start, window.bytes.count)
            return Array(window.bytes[from..<max(from, upper)])
        }
    }

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

    /// Copies what `fill` hands to its writer, at a page-aligned offset (so the copy can be
    /// mapped); returns where it starts and how long it is, or nil when a write failed.
    func append(_ fill: ((UnsafeRawBufferPointer) -> Bool) -> Bool) -> (base: Int, count: Int)? {
        // The end stays locked while a copy is written, so copies never overlap; a failed
        // one leaves a hole nobody reads.
        end.withLock { end -> (base: Int, count: Int)? in
            let base = (end + MappedBytes.page - 1) / MappedBytes.page * MappedBytes.page
            var position = 0
            let ok = fill { piece in
                var done = 0
                while done < piece.count {
                    let n = pwrite(
                        fd, piece.baseAddress! + done, piece.count - done,
                        off_t(base + position + done))
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { return false }
                    done += n
                }
                position += piece.count
                return true
            }
            end = base + position
            return ok ? (base, position) : nil
        }
    }

    func release(offset: Int, count: Int) {
        guard count > 0 else { return }
        _ = punchHole(fd, 0x02 | 0x01, offset, count)  // FALLOC_FL_PUNCH_HOLE | KEEP_SIZE
    }
}

/// glibc's `fallocate` (Glibc's module map leaves it out: it needs `_GNU_SOURCE`).
@_silgen_name("fallocate")
private func punchHole(_ fd: Int32, _ mode: Int32, _ offset: Int, _ length: Int) -> Int32
