import Foundation

/// JSON pointer (RFC 6901) encoding and decoding of single tokens.
enum JSONPointer {
    /// `a/b~c` → `a~1b~0c`.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The tokens of a pointer such as `/$defs/a~1b`; percent-decoded first when it came from
    /// a URI fragment.
    static func tokens(_ pointer: String, percentEncoded: Bool) -> [String]? {
        var text = pointer
        if percentEncoded {
            guard let decoded = text.removingPercentEncoding else { return nil }
            text = decoded
        }
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else { return nil }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The value `tokens` lead to inside `root`, or nil.
    static func resolve(_ tokens: [String], in root: JSONValue) -> JSONValue? {
        var current = root
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), token == String(index), items.indices.contains(index)
                else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
