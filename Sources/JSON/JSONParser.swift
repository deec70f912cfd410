/// A strict RFC 8259 JSON reader producing ``JSONValue``s, with positioned errors: the one
/// JSON parser of the package, for schemas and model output as for the feedback import's
/// JSONL lines.
///
/// Written here rather than using `JSONSerialization` because that API does not reliably tell
/// `true` from `1` on every platform, and schema validation must; integral numbers that fit
/// in 64 bits stay exact (``JSONValue/integer(_:)``); and it is fast enough for
/// 100,000-line imports, rewriting object keys as it reads them when given a ``JSONKeyMap``.
public struct JSONParser {
    /// Nesting deeper than this is an error rather than a stack overflow, unless a parse
    /// asks for another limit.
    public static let maxDepth = 512

    /// A syntax error at a 0-based UTF-8 byte offset.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var offset: Int
        public var message: String
        /// The 1-based column of the error when the input is one line (a JSONL line).
        public var column: Int { offset + 1 }
        public var description: String { "\(message) at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private var index: Int
    private let maxDepth: Int
    private var depth = 0
    private var keys: JSONKeyMap?

    private init(_ bytes: [UInt8], at index: Int, maxDepth: Int, keys: JSONKeyMap? = nil) {
        self.bytes = bytes
        self.index = index
        self.maxDepth = maxDepth
        self.keys = keys
    }

    /// Parses a whole document: one value, surrounded by whitespace only.
    public static func parse(
        _ text: String, maxDepth: Int = JSONParser.maxDepth
    ) throws(Error) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    /// Parses a whole document from UTF-8 bytes.
    public static func parse(
        _ bytes: [UInt8], maxDepth: Int = JSONParser.maxDepth
    ) throws(Error) -> JSONValue {
        var parser = JSONParser(bytes, at: 0, maxDepth: maxDepth)
        return try parser.document()
    }

    /// Parses a whole document from UTF-8 bytes, rewriting every object key through `keys`
    /// (which remembers its rewrites for the next call; keep one across the lines of a file).
    /// When two keys of one object rewrite alike, the first wins.
    public static func parse(
        _ bytes: [UInt8], maxDepth: Int = JSONParser.maxDepth, keys: inout JSONKeyMap
    ) throws(Error) -> JSONValue {
        var parser = JSONParser(bytes, at: 0, maxDepth: maxDepth, keys: keys.take())
        defer { if let grown = parser.keys { keys = grown } }
        return try parser.document()
    }

    /// Parses the one value that starts at `offset` and returns it with the offset just past
    /// it; whatever follows is ignored (for JSON embedded in prose).
    package static func parsePrefix(_ bytes: [UInt8], at offset: Int) throws(Error) -> (
        JSONValue, Int
    ) {
        var parser = JSONParser(bytes, at: offset, maxDepth: maxDepth)
        let value = try parser.value()
        return (value, parser.index)
    }

    private mutating func document() throws(Error) -> JSONValue {
        let result = try value()
        skipWhitespace()
        if index < bytes.count { throw fail("unexpected text after the JSON value") }
        return result
    }

    private func fail(_ message: String) -> Error { Error(offset: index, message: message) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value() throws(Error) -> JSONValue {
        skipWhitespace()
        guard let byte = current else { throw fail("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
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

    /// Enters an object or array at its opening bracket.
    private mutating func enter() throws(Error) {
        depth += 1
        if depth > maxDepth { throw fail("nested more than \(maxDepth) levels deep") }
        index += 1
    }

    private mutating func literal(_ word: StaticString, _ result: JSONValue) throws(Error)
        -> JSONValue
    {
        let start = index
        let matches = word.withUTF8Buffer { expected in
            guard start + expected.count <= bytes.count else { return false }
            for offset in 0..<expected.count where bytes[start + offset] != expected[offset] {
                return false
            }
            return true
        }
        guard matches else { throw fail("invalid literal; expected '\(word)'") }
        index += word.utf8CodeUnitCount
        return result
    }

    private mutating func object() throws(Error) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
            let raw = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
            index += 1
            let member = try value()
            if keys != nil {
                // Keys that rewrite alike: the first wins, as in CSV headers.
                let key = keys!.map(raw)
                if members[key] == nil { members[key] = member }
            } else {
                members[raw] = member
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: throw fail("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func array() throws(Error) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            items.append(try value())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(items)
            default: throw fail("expected ',' or ']' in a list")
            }
        }
    }

    /// An integral literal that fits in `Int64` is an ``JSONValue/integer(_:)``; any other
    /// number a ``JSONValue/number(_:)``.
    private mutating func number() throws(Error) -> JSONValue {
        let start = index
        let negative = current == UInt8(ascii: "-")
        if negative { index += 1 }
        guard let first = current, isDigit(first) else { throw fail("invalid number") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        let integerEnd = index
        var integral = true
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
        let digits = (negative ? start + 1 : start)..<integerEnd
        if integral, let exact = integer(digits, negative: negative) { return .integer(exact) }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw Error(offset: start, message: "number out of range")
        }
        return .number(double)
    }

    /// The decimal digits `bytes[digits]` as an `Int64`, or nil when they overflow it.
    private func integer(_ digits: Range<Int>, negative: Bool) -> Int64? {
        var value: Int64 = 0
        for position in digits {
            let digit = Int64(bytes[position] &- UInt8(ascii: "0"))
            let (shifted, overflowMultiply) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowAdd) =
                negative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            if overflowMultiply || overflowAdd { return nil }
            value = next
        }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { index += 1 }
    }

    private mutating func skipRequiredDigits() -> Bool {
        let start = index
        skipDigits()
        return index > start
    }

    private mutating func string() throws(Error) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<index - 1], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in a string; escape it") }
            index += 1
        }
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &out)
            case 0..<0x20:
                throw fail("control character in a string; escape it")
            default:
                index += 1
                out.append(byte)
            }
        }
        throw fail("unterminated string")
    }

    /// One escape after the backslash, as UTF-8; a lone surrogate becomes U+FFFD.
    private mutating func escape(into out: inout [UInt8]) throws(Error) {
        guard let escaped = current else { throw fail("unterminated string") }
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            index += 1
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
            UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { out.append($0) }
            return
        default:
            throw fail("invalid escape '\\\(Unicode.Scalar(escaped))'")
        }
        index += 1
    }

    private mutating func hex4() throws(Error) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("invalid \\u escape") }
        var result: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[index]) else { throw fail("invalid \\u escape") }
            result = result << 4 | digit
            index += 1
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// Rewrites object keys as ``JSONParser`` reads them (the feedback import normalizes column
/// names this way), remembering the rewrites of up to ``cacheLimit`` distinct keys, so a file
/// whose lines repeat the same keys rewrites each key once. Keep one map across the lines of
/// a file.
public struct JSONKeyMap: Sendable {
    /// Distinct keys remembered; keys beyond this are rewritten every time they are read.
    public static let cacheLimit = 1024

    private let rewrite: @Sendable (String) -> String
    private var cache: [String: String] = [:]

    public init(_ rewrite: @escaping @Sendable (String) -> String) {
        self.rewrite = rewrite
    }

    /// A copy that owns the cache, leaving this one's empty, so that the copy grows it in
    /// place rather than copying it on the first new key.
    fileprivate mutating func take() -> JSONKeyMap {
        let taken = self
        cache = [:]
        return taken
    }

    /// The rewritten form of `key`.
    public mutating func map(_ key: String) -> String {
        if let known = cache[key] { return known }
        let rewritten = rewrite(key)
        if cache.count < Self.cacheLimit { cache[key] = rewritten }
        return rewritten
    }
}
