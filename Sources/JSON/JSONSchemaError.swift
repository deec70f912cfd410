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
