import YAMLCoding

/// Config-like types the tests decode, with CaseIterable keys so unknown keys are caught.
struct Suite: Codable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable { case suite, description, cases }
    var suite: String
    var description: String?
    var cases: [TestCase]
}

struct TestCase: Codable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable { case id, vars, tags, assert, repeats }
    var id: String
    var vars: [String: String]?
    var tags: [String]?
    var assert: [Assertion]?
    var repeats: Int?
}

struct Assertion: Codable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable { case type, value, weight }
    var type: String
    var value: String?
    var weight: Double?

    static let knownTypes = ["contains", "not-contains", "equals", "regex", "language"]

    init(type: String, value: String? = nil, weight: Double? = nil) {
        self.type = type
        self.value = value
        self.weight = weight
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        guard Self.knownTypes.contains(type) else {
            let hint = YAMLSuggestion.closest(to: type, in: Self.knownTypes)
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown assertion type '\(type)'"
                    + (hint.map { "; did you mean '\($0)'?" } ?? ""))
        }
        value = try container.decodeIfPresent(String.self, forKey: .value)
        weight = try container.decodeIfPresent(Double.self, forKey: .weight)
    }
}

enum Role: String, Codable, CaseIterable {
    case system, user, assistant
}

struct Message: Codable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable { case role, content }
    var role: Role
    var content: String
}

struct Flags: Codable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable { case enabled, count, ratio, small }
    var enabled: Bool?
    var count: Int?
    var ratio: Double?
    var small: UInt8?
}

/// Any YAML value, decoding numbers and booleans only from unquoted scalars (like a JSON
/// enum written with `try?` fallbacks).
indirect enum AnyValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([AnyValue])
    case map([String: AnyValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AnyValue].self) {
            self = .list(value)
        } else {
            self = .map(try container.decode([String: AnyValue].self))
        }
    }
}
