import Foundation

/// A schema promptgate cannot use: a keyword it does not implement, a `$ref` outside the
/// document, or a keyword whose value is malformed. A configuration error, never ignored.
public struct JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A keyword outside the supported subset (``JSONSchema/supportedKeywords``).
        case unsupportedKeyword
        /// A `$ref` that is not a local JSON pointer (`#`, `#/$defs/x`).
        case unsupportedReference
        /// A keyword with a value of the wrong shape, a bad pattern, an unresolvable `$ref`.
        case invalid
    }

    public var kind: Kind
    /// Where in the schema, as a URI fragment pointer: `#/properties/price`.
    public var location: String
    public var message: String

    public init(_ kind: Kind, at location: String, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    /// `#/properties/a: unsupported JSON Schema keyword 'if'; …`
    public var description: String { "\(location): \(message)" }
}

/// One way an instance fails its schema.
public struct JSONSchemaFailure: Sendable, Hashable, CustomStringConvertible {
    /// The JSON pointer of the failing value in the instance (`/items/2/price`, `` for the
    /// whole document).
    public var instancePath: String
    /// The keyword that failed: `minimum`, `required`, `type`.
    public var keyword: String
    /// What was expected and what was found: `minimum 0, got -3`.
    public var message: String

    public init(instancePath: String, keyword: String, message: String) {
        self.instancePath = instancePath
        self.keyword = keyword
        self.message = message
    }

    /// `/items/2/price: minimum 0, got -3`; the whole document shows as `(root)`.
    public var description: String {
        "\(instancePath.isEmpty ? "(root)" : instancePath): \(message)"
    }
}

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
