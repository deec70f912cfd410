import Basics
import Feedback
import JSON

/// A request body as the rows of the import schema: one JSON object, a JSON array of them,
/// or NDJSON (one object a line). Keys are compared as the import compares column names
/// (``FeedbackField/normalize(_:)``, so aliases work); a key that names no field is an error
/// here, unlike in an export, because an application's typo should fail loudly.
public enum IngestBody {
    /// Records per request at most.
    public static let maxRecords = 10_000

    /// The body's format, from `Content-Type`.
    public enum Format: Sendable {
        case json, ndjson
    }

    /// `application/json` or `application/x-ndjson` (parameters such as `charset` allowed);
    /// nil for anything else (415).
    public static func format(contentType: String?) -> Format? {
        guard let contentType else { return nil }
        let media = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch media {
        case "application/json": return .json
        case "application/x-ndjson", "application/ndjson", "application/jsonl": return .ndjson
        default: return nil
        }
    }

    /// The rows of `body`, each at ``SourceRow/Location/record(_:)``, keys normalized and
    /// checked against `fields` (name → aliases).
    public static func rows(
        _ body: [UInt8], format: Format, fields: [(String, [String])]
    ) throws(APIError) -> [SourceRow] {
        var objects: [JSONValue] = []
        switch format {
        case .json:
            let value: JSONValue
            do {
                value = try JSONParser.parse(body, maxDepth: JSONLReader.maxDepth)
            } catch {
                throw .badRequest(
                    "invalid_json", field: nil,
                    detail: "body is not JSON at byte \(error.column): \(error.message)")
            }
            if case .array(let items) = value { objects = items } else { objects = [value] }
        case .ndjson:
            var line = 0
            for slice in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
                line += 1
                let bytes = Array(slice)
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    objects.append(try JSONParser.parse(bytes, maxDepth: JSONLReader.maxDepth))
                } catch {
                    throw .badRequest(
                        "invalid_json", field: nil,
                        detail:
                            "line \(line) is not JSON at column \(error.column): \(error.message)"
                    )
                }
            }
        }
        guard !objects.isEmpty else {
            throw .badRequest(
                "no_records", field: nil, detail: "the body holds no records; send at least one")
        }
        guard objects.count <= maxRecords else {
            throw .badRequest(
                "too_many_records", field: nil,
                detail: "\(objects.count) records in one request; send at most \(maxRecords)")
        }
        let known = knownKeys(fields)
        var rows: [SourceRow] = []
        rows.reserveCapacity(objects.count)
        for (index, value) in objects.enumerated() {
            rows.append(try row(value, number: index + 1, known: known))
        }
        return rows
    }

    /// Normalized key → the field it names.
    static func knownKeys(_ fields: [(String, [String])]) -> [String: String] {
        var known: [String: String] = [:]
        for (name, aliases) in fields {
            for key in [name] + aliases { known[FeedbackField.normalize(key)] = name }
        }
        return known
    }

    private static func row(_ value: JSONValue, number: Int, known: [String: String])
        throws(APIError) -> SourceRow
    {
        guard case .object(let members) = value else {
            throw .badRequest(
                "invalid_record", field: nil,
                detail: "record \(number): expected a JSON object, got \(value.typeName)")
        }
        var columns: [String: JSONValue] = [:]
        var fieldOf: [String: String] = [:]
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            let normal = FeedbackField.normalize(key)
            guard let field = known[normal] else {
                let names = Array(Set(known.values)).sorted()
                let hint = suggestion(for: key, among: names).map { " (did you mean '\($0)'?)" }
                throw .badRequest(
                    "unknown_field", field: key,
                    detail:
                        "record \(number): '\(key)' is not a field\(hint ?? ""); fields: \(names.joined(separator: ", "))"
                )
            }
            if let other = fieldOf[field], member != .null {
                throw .badRequest(
                    "duplicate_field", field: field,
                    detail: "record \(number): '\(other)' and '\(key)' both give \(field); send one"
                )
            }
            if member != .null { fieldOf[field] = key }
            columns[normal] = member
        }
        return SourceRow(location: .record(number), columns: columns)
    }
}
