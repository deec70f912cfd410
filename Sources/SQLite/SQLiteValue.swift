/// A value bound to, or read from, a SQLite statement (one of SQLite's five storage classes).
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLiteValue {
    /// `.text(value)`, or `.null` when `value` is nil.
    public init(_ value: String?) {
        self = value.map { .text($0) } ?? .null
    }

    /// `.integer(value)`, or `.null` when `value` is nil.
    public init(_ value: Int?) {
        self = value.map { .integer(Int64($0)) } ?? .null
    }

    /// `.real(value)`, or `.null` when `value` is nil.
    public init(_ value: Double?) {
        self = value.map { .real($0) } ?? .null
    }

    /// The text, when this is `.text`.
    public var stringValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The integer, when this is `.integer`.
    public var intValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The number, when this is `.real` or `.integer`.
    public var doubleValue: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// Whether this is `.null`.
    public var isNull: Bool { self == .null }
}

extension SQLiteValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(nilLiteral: ()) { self = .null }
}
