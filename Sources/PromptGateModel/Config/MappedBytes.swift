#if canImport(Glibc)
    import Glibc
#endif

/// A snapshot's bytes mapped read-only for one pass of a parser. Pages behind the parser are
/// handed back as it goes (`drop(before:)`), so a big file is never resident at once; a
/// page read again is simply read again from the copy.
final class MappedBytes {
    let buffer: UnsafeBufferPointer<UInt8>
    private let mapping: UnsafeMutableRawPointer?
    private var owned: UnsafeMutableBufferPointer<UInt8>? = nil
    private var dropped = 0

    init?(descriptor: Int32, offset: Int, count: Int) {
        guard count > 0 else {
            mapping = nil
            buffer = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, count, PROT_READ, MAP_SHARED, descriptor, off_t(offset))
        guard let address, address != MAP_FAILED else { return nil }
        mapping = address
        buffer = UnsafeBufferPointer(
            start: address.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// A private copy of `bytes` in memory (when no snapshot could be made).
    init(copying bytes: [UInt8]) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = copy.initialize(from: bytes)
        owned = copy
        mapping = nil
        buffer = UnsafeBufferPointer(rebasing: copy[0..<bytes.count])
    }

    deinit {
        if let mapping { munmap(mapping, buffer.count) }
        owned?.deallocate()
    }

    static let page = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Lets go of the pages wholly before `offset`, once at least 4 MB more can go.
    func drop(before offset: Int) {
        let end = min(offset, buffer.count) / Self.page * Self.page
        guard let mapping, end - dropped >= 4 << 20 else { return }
        _ = madvise(mapping + dropped, end - dropped, MADV_DONTNEED)
        dropped = end
    }
}
