/// A strict JSON parser for one line of a JSONL file, working on the raw UTF-8 bytes.
///
/// Hand-written rather than `JSONSerialization` to keep JSON's types apart (true is not 1),
/// to report the column of an error, and to be fast enough for 100,000-line imports.
/// Object keys are normalized (``FeedbackField/normalize(_:)``) as they are read.
struct JSONLineParser {
    struct Failure: Error {
        var column: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var keyCache: [String: String]
    private static let maxDepth = 64

    init(bytes: [UInt8], keyCache: [String: String] = [:]) {
        self.bytes = bytes
        self.keyCache = keyCache
    }

    /// Parses the whole line as one JSON value; returns it with the grown key cache.
    static func parse(_ bytes: [UInt8], keyCache: inout [String: String]) throws(Failure)
        -> FieldValue
    {
        var parser = JSONLineParser(bytes: bytes, keyCache: keyCache)
        defer { keyCache = parser.keyCache }
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else {
            throw parser.fail("unexpected text after the JSON value")
        }
        return value
    }

    private func fail(_ message: String) -> Failure {
        Failure(column: index + 1, message: message)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(Failure) -> FieldValue {
        guard depth < Self.maxDepth else { throw fail("nested more than 64 levels deep") }
        guard let byte = current else { throw fail("unexpected end of line") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default:
            let shown =
                (0x21..<0x7F).contains(byte)
                ? "'\(Unicode.Scalar(byte))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
            throw fail("unexpected \(shown)")
        }
    }

    private mutating func literal(_ word: String, _ result: FieldValue) throws(Failure)
        -> FieldValue
    {
        for expected in word.utf8 {
            guard current == expected else { throw fail("invalid literal; expected '\(word)'") }
            index += 1
        }
        return result
    }

    private mutating func object(depth: Int) throws(Failure) -> FieldValue {
        index += 1
        var members: [String: FieldValue] = [:]
        skipSpace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
            let raw = try string()
            let key: String
            if let cached = keyCache[raw] {
                key = cached
            } else {
                key = FeedbackField.normalize(raw)
                if keyCache.count < 1024 { keyCache[raw] = key }
            }
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
            index += 1
            skipSpace()
            let member = try value(depth: depth + 1)
            // The first of two keys that normalize alike wins, as in CSV headers.
            if members[key] == nil { members[key] = member }
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: throw fail("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> FieldValue {
        index += 1
        var items: [FieldValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(items)
            default: throw fail("expected ',' or ']' in a list")
            }
        }
    }

    private mutating func number() throws(Failure) -> FieldValue {
        let start = index
        var integral = true
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw fail("invalid number")
        }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard skipRequiredDigits() else { throw fail("invalid number: digits after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard skipRequiredDigits() else { throw fail("invalid number: exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if integral, let n = Int64(text) { return .int(n) }
        guard let d = Double(text), d.isFinite else { throw fail("number out of range") }
        return .double(d)
    }

    private mutating func skipDigits() {
        while let b = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { index += 1 }
    }

    private mutating func skipRequiredDigits() -> Bool {
        let start = index
        skipDigits()
        return index > start
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<index - 1], as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("control character in a string; escape it") }
            index += 1
        }
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let b = bytes[index]
            index += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0..<0x20:
                index -= 1
                throw fail("control character in a string; escape it")
            default:
                out.append(b)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func escape(into out: inout [UInt8]) throws(Failure) {
        guard let e = current else { throw fail("unterminated string") }
        index += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\"),
                index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
            {
                let save = index
                index += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = save
                }
            }
            // A lone surrogate is not a scalar: it becomes U+FFFD.
            let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(decoded).utf8))
        default:
            index -= 1
            throw fail("invalid escape '\\\(Unicode.Scalar(e))'")
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
