import Foundation

/// Reads a file in fixed-size chunks through `fread`, so a file of any size is read with
/// flat memory. Not `Sendable`: one reader belongs to one thread.
public final class ByteReader {
    private let file: UnsafeMutablePointer<FILE>
    public let path: String
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// Set when `fread` failed (not at end of file).
    public private(set) var readError: String?

    /// Opens `path` for reading; nil (with `errno` set) when it cannot be opened.
    public init?(path: String, chunkSize: Int = 256 * 1024) {
        guard let file = fopen(path, "rb") else { return nil }
        self.file = file
        self.path = path
        buffer = [UInt8](repeating: 0, count: max(16, chunkSize))
    }

    deinit {
        fclose(file)
    }

    /// Refills after moving unread bytes to the front; grows the buffer when it is full.
    /// Returns false at end of file.
    private func refill() -> Bool {
        guard !atEOF else { return false }
        if start > 0 {
            let unread = end - start
            if unread > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    guard let base = b.baseAddress else { return }
                    memmove(base, base + start, unread)
                }
            }
            start = 0
            end = unread
        }
        if end == buffer.count {
            buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        let count = buffer.count - end
        let n = buffer.withUnsafeMutableBufferPointer { b in
            fread(b.baseAddress.map { $0 + end }, 1, count, file)
        }
        if n < count {
            atEOF = true
            if ferror(file) != 0 { readError = String(cString: strerror(errno)) }
        }
        end += n
        return n > 0
    }

    /// The next byte, or nil at end of file.
    @inline(__always)
    public func next() -> UInt8? {
        if start == end {
            // Reset instead of growing: `next()` never needs earlier bytes kept.
            start = 0
            end = 0
            guard refill() else { return nil }
        }
        let b = buffer[start]
        start += 1
        return b
    }

    /// The next byte without consuming it.
    public func peek() -> UInt8? {
        if start == end {
            start = 0
            end = 0
            guard refill() else { return nil }
        }
        return buffer[start]
    }

    /// The next line without its `\n` (and `\r\n`), or nil at end of file.
    ///
    /// A line longer than `maxLength` bytes is skipped to its end and comes back as
    /// `.tooLong` with its length, so one huge line cannot exhaust memory.
    public func nextLine(maxLength: Int) -> Line? {
        var scanFrom = start
        while true {
            let found = buffer.withUnsafeBufferPointer { b -> Int? in
                guard let base = b.baseAddress, scanFrom < end else { return nil }
                guard let hit = memchr(base + scanFrom, 0x0A, end - scanFrom) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let newline = found {
                let line = take(upTo: newline)
                start = newline + 1
                return line
            }
            if end - start > maxLength { return skipLongLine() }
            let pending = end - start
            guard refill() else {
                guard end > start else { return nil }
                let line = take(upTo: end)
                start = end
                return line
            }
            scanFrom = start + pending
        }
    }

    private func take(upTo stop: Int) -> Line {
        var stop = stop
        if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }
        return .bytes(Array(buffer[start..<stop]))
    }

    private func skipLongLine() -> Line {
        var length = 0
        while true {
            if let i = buffer[start..<end].firstIndex(of: 0x0A) {
                length += i - start
                start = i + 1
                return .tooLong(length)
            }
            length += end - start
            start = 0
            end = 0
            guard refill() else { return .tooLong(length) }
        }
    }

    /// One line of text, or the length of a line too long to keep.
    public enum Line {
        case bytes([UInt8])
        case tooLong(Int)
    }
}
