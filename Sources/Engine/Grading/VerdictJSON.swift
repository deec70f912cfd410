import Foundation

/// Finds the JSON objects in a judge's reply: inside ```json fences first, then every
/// top-level `{…}` in the prose, each parsed strictly and, failing that, after repairing what
/// small models get wrong (single quotes, `True`/`False`/`None`, bare keys, trailing commas).
/// Objects nested in a found object come after it. Work is bounded for any input.
enum VerdictJSON {
    /// Only this much of a reply is read.
    static let maxBytes = 64 * 1024
    /// At most this many `{…}` spans are tried.
    static let maxCandidates = 32

    static func objects(in text: String) -> [[String: Any]] {
        let bytes = Array(text.utf8.prefix(maxBytes))
        var spans = fencedBlocks(bytes)
        spans += braceSpans(bytes)
        var out: [[String: Any]] = []
        var seen = Set<[UInt8]>()
        for span in spans.prefix(maxCandidates) where seen.insert(span).inserted {
            guard let object = parse(span) else { continue }
            out.append(object)
            // A verdict wrapped in another object: {"result": {"pass": true}}.
            for case let inner as [String: Any] in object.values { out.append(inner) }
        }
        return out
    }

    private static func parse(_ span: [UInt8]) -> [String: Any]? {
        if let object = try? JSONSerialization.jsonObject(with: Data(span)) as? [String: Any] {
            return object
        }
        let repaired = repair(span)
        return try? JSONSerialization.jsonObject(with: Data(repaired)) as? [String: Any]
    }

    /// The contents of ``` fences (any info string) that hold a `{`.
    private static func fencedBlocks(_ bytes: [UInt8]) -> [[UInt8]] {
        let fence: [UInt8] = Array("```".utf8)
        var starts: [Int] = []
        var i = 0
        while i + 3 <= bytes.count {
            if bytes[i..<i + 3].elementsEqual(fence) {
                starts.append(i)
                i += 3
            } else {
                i += 1
            }
        }
        var out: [[UInt8]] = []
        var index = 0
        while index + 1 < starts.count {
            var open = starts[index] + 3
            // Skip the info string (`json`) up to the end of the line.
            while open < starts[index + 1], bytes[open] != UInt8(ascii: "\n") { open += 1 }
            let body = Array(bytes[min(open, starts[index + 1])..<starts[index + 1]])
            if let brace = body.firstIndex(of: UInt8(ascii: "{")),
                let close = body.lastIndex(of: UInt8(ascii: "}")), brace < close
            {
                out.append(Array(body[brace...close]))
            }
            index += 2
        }
        return out
    }

    /// Top-level balanced `{…}` spans; double-quoted strings inside are skipped. An unclosed
    /// `{` restarts the scan just after it, so a stray brace in prose cannot hide the object.
    private static func braceSpans(_ bytes: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var start = 0
        var restarts = 0
        while start < bytes.count, out.count < maxCandidates, restarts <= maxCandidates {
            guard let open = bytes[start...].firstIndex(of: UInt8(ascii: "{")) else { break }
            var depth = 0
            var inString = false
            var escaped = false
            var close: Int?
            for i in open..<bytes.count {
                let byte = bytes[i]
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "}"):
                    depth -= 1
                    if depth == 0 { close = i }
                default: break
                }
                if close != nil { break }
            }
            if let close {
                out.append(Array(bytes[open...close]))
                start = close + 1
            } else {
                restarts += 1
                start = open + 1
            }
        }
        return out
    }

    /// Rewrites near-JSON as JSON: `'…'` strings become `"…"`, `True`/`False`/`None` become
    /// `true`/`false`/`null`, bare keys and words get quotes, and commas before `}` or `]` go.
    static func repair(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "_")
        }
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                i = copyString(bytes, from: i, quote: byte, into: &out)
                continue
            case UInt8(ascii: ","):
                var j = i + 1
                while j < bytes.count,
                    bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D
                        || bytes[j] == 0x09
                {
                    j += 1
                }
                if j < bytes.count, bytes[j] == UInt8(ascii: "}") || bytes[j] == UInt8(ascii: "]") {
                    i += 1
                    continue
                }
                out.append(byte)
            default:
                let startsWord =
                    isWordByte(byte) && !(byte >= 0x30 && byte <= 0x39)
                    && (i == 0 || !isWordByte(bytes[i - 1]))
                guard startsWord else {
                    out.append(byte)
                    break
                }
                var j = i
                while j < bytes.count, isWordByte(bytes[j]) { j += 1 }
                let word = String(decoding: bytes[i..<j], as: UTF8.self)
                var k = j
                while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
                if k < bytes.count, bytes[k] == UInt8(ascii: ":") {
                    out += Array("\"\(word)\"".utf8)
                } else {
                    switch word {
                    case "True": out += Array("true".utf8)
                    case "False": out += Array("false".utf8)
                    case "None": out += Array("null".utf8)
                    case "true", "false", "null": out += bytes[i..<j]
                    default: out += Array("\"\(word)\"".utf8)  // pass: yes
                    }
                }
                i = j
                continue
            }
            i += 1
        }
        return out
    }

    /// Copies a string quoted with `quote` as a double-quoted JSON string; returns the index
    /// after its closing quote (or the end).
    private static func copyString(
        _ bytes: [UInt8], from start: Int, quote: UInt8, into out: inout [UInt8]
    ) -> Int {
        out.append(UInt8(ascii: "\""))
        var i = start + 1
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\"), i + 1 < bytes.count {
                if bytes[i + 1] == UInt8(ascii: "'") {
                    out.append(UInt8(ascii: "'"))
                } else {
                    out += [byte, bytes[i + 1]]
                }
                i += 2
                continue
            }
            if byte == quote {
                out.append(UInt8(ascii: "\""))
                return i + 1
            }
            if byte == UInt8(ascii: "\"") {
                out += [UInt8(ascii: "\\"), byte]
            } else if byte == 0x0A {
                out += Array("\\n".utf8)
            } else {
                out.append(byte)
            }
            i += 1
        }
        return i
    }
}
