/// One way an instance fails its schema.
public struct JSONSchemaFailure: Sendable, Hashable, CustomStringConvertible {
    /// The JSON pointer of the failing value in the instance: `/items/2/price`, or empty for
    /// the whole document.
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
