internal import _FoundationICU

/// A compiled regular expression, matched over a text's UTF-8 bytes where they lie.
///
/// The engine is the ICU that `NSRegularExpression` wraps, opened the way it opens a pattern
/// with default options (flags 0, the pattern as UTF-16), so patterns mean the same; but the
/// text is handed over as a UTF-8 `UText` instead of being copied to UTF-16 first, which for
/// a 5 MB output was 10 MB more memory per check.
///
/// The compiled prototype is never matched itself: each match runs on a clone (ICU's way to
/// match one pattern on many threads), so one matcher is shared across threads safely.
package final class RegexMatcher: @unchecked Sendable {
    private let prototype: OpaquePointer

    /// The pattern compiled, or nil when ICU rejects it.
    package init?(pattern: String) {
        let units = Array(pattern.utf16)
        var status = U_ZERO_ERROR
        var parseError = UParseError()
        guard units.count < Int32.max,
            let compiled = swift_uregex_open(
                units, Int32(units.count), 0, &parseError, &status),
            status.rawValue <= U_ZERO_ERROR.rawValue
        else { return nil }
        prototype = compiled
    }

    deinit { swift_uregex_close(prototype) }

    /// The first match in `text` (its bounds on code points, which may lie inside a
    /// character), nil when there is none or ICU gives up (a pattern that exhausts its
    /// backtracking stack).
    package func firstMatch(in text: String) -> Range<String.Index>? {
        var native = text
        return native.withUTF8 { bytes -> Range<Int>? in
            var status = U_ZERO_ERROR
            guard let regex = swift_uregex_clone(prototype, &status) else { return nil }
            defer { swift_uregex_close(regex) }
            // An empty text still needs a valid pointer.
            let base =
                bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
            guard
                let utext = swift_utext_openUTF8(
                    nil, base.assumingMemoryBound(to: CChar.self), Int64(bytes.count), &status)
            else { return nil }
            defer { swift_utext_close(utext) }
            swift_uregex_setUText(regex, utext, &status)
            guard status.rawValue <= U_ZERO_ERROR.rawValue,
                swift_uregex_findNext(regex, &status) != 0
            else { return nil }
            // Over a UTF-8 text, ICU's native indexes are byte offsets.
            let start = swift_uregex_start64(regex, 0, &status)
            let end = swift_uregex_end64(regex, 0, &status)
            guard status.rawValue <= U_ZERO_ERROR.rawValue, start >= 0, end >= start,
                end <= bytes.count
            else { return nil }
            return Int(start)..<Int(end)
        }
        .map { offsets in
            let utf8 = text.utf8
            let lower = utf8.index(utf8.startIndex, offsetBy: offsets.lowerBound)
            return lower..<utf8.index(lower, offsetBy: offsets.count)
        }
    }
}
