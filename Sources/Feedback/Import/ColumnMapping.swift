import Basics
import Foundation
import JSON

/// Which column each field is read from: `--map FIELD=COLUMN` first, then the field's own
/// name, then its aliases. Column names are compared normalized; a mapped column may be a
/// dotted path into nested JSON objects (`request.input`).
public struct ColumnMapping: Sendable {
    /// A field and the normalized column names tried for it, in order.
    struct Lookup: Sendable {
        var field: String
        var candidates: [String]
        /// The `--map` column as given, when the user named one.
        var explicit: String?
    }

    let lookups: [String: Lookup]
    /// Field names in order; ``values(in:)`` answers in this order.
    let fieldNames: [String]
    /// Normalized column name → (field index, rank among the field's candidates).
    private let byColumn: [String: [(field: Int, rank: Int)]]

    /// `fields` are (name, aliases) pairs; `explicit` maps field names to columns.
    init(fields: [(String, [String])], explicit: [String: String]) {
        var lookups: [String: Lookup] = [:]
        var byColumn: [String: [(field: Int, rank: Int)]] = [:]
        for (index, (name, aliases)) in fields.enumerated() {
            let lookup: Lookup
            if let column = explicit[name] {
                lookup = Lookup(
                    field: name, candidates: [FeedbackField.normalize(column)], explicit: column)
            } else {
                lookup = Lookup(
                    field: name, candidates: ([name] + aliases).map(FeedbackField.normalize),
                    explicit: nil)
            }
            lookups[name] = lookup
            for (rank, candidate) in lookup.candidates.enumerated() {
                byColumn[candidate, default: []].append((index, rank))
            }
        }
        self.lookups = lookups
        self.byColumn = byColumn
        fieldNames = fields.map(\.0)
    }

    /// Every field's value in `row`, in ``fieldNames`` order: one pass over the row's
    /// columns, the best-ranked candidate winning (null values count as absent).
    func values(in row: SourceRow) -> [JSONValue?] {
        var out = [JSONValue?](repeating: nil, count: fieldNames.count)
        var ranks = [Int](repeating: .max, count: fieldNames.count)
        for (column, value) in row.columns where value != .null {
            guard let targets = byColumn[column] else { continue }
            for (field, rank) in targets where rank < ranks[field] {
                out[field] = value
                ranks[field] = rank
            }
        }
        // Dotted paths into nested objects are looked up one by one.
        for (index, name) in fieldNames.enumerated() where out[index] == nil {
            if let explicit = lookups[name]?.explicit, explicit.contains(".") {
                out[index] = row.value(at: explicit).flatMap { $0 == .null ? nil : $0 }
            }
        }
        return out
    }

    /// The mapping for feedback records.
    public static func feedback(explicit: [String: String]) -> ColumnMapping {
        ColumnMapping(
            fields: FeedbackField.allCases.map { ($0.rawValue, $0.aliases) }, explicit: explicit)
    }

    /// The mapping for A/B outcome rows.
    public static func outcomes(explicit: [String: String]) -> ColumnMapping {
        ColumnMapping(
            fields: OutcomeField.allCases.map { ($0.rawValue, $0.aliases) }, explicit: explicit)
    }

    /// Parses `--map FIELD=COLUMN` values; an unknown field is a usage error with a suggestion.
    public static func parse(_ specs: [String], fields: [String]) throws(PromptGateError)
        -> [String: String]
    {
        var out: [String: String] = [:]
        for spec in specs {
            guard let eq = spec.firstIndex(of: "=") else {
                throw .usage(
                    "--map takes FIELD=COLUMN, got '\(spec)'",
                    hint: "e.g. --map user_input=question")
            }
            let field = String(spec[..<eq]).trimmingCharacters(in: .whitespaces)
            let column = String(spec[spec.index(after: eq)...]).trimmingCharacters(
                in: .whitespaces)
            guard fields.contains(field) else {
                let hint = suggestion(for: field, among: fields).map { "did you mean '\($0)'? " }
                throw .usage(
                    "--map: unknown field '\(field)'",
                    hint: "\(hint ?? "")Fields: \(fields.joined(separator: ", ")).")
            }
            guard !column.isEmpty else { throw .usage("--map \(field)= needs a column name") }
            guard out[field] == nil else { throw .usage("--map gives '\(field)' twice") }
            out[field] = column
        }
        return out
    }

    /// For a source whose columns are known up front: which column each field comes from
    /// (`field ← column`), and the columns no field reads.
    func resolve(columns: [String]) -> (used: [(field: String, column: String)], ignored: [String])
    {
        var byNormal: [String: String] = [:]
        for column in columns where byNormal[FeedbackField.normalize(column)] == nil {
            byNormal[FeedbackField.normalize(column)] = column
        }
        var used: [(String, String)] = []
        var taken: Set<String> = []
        for lookup in lookups.values.sorted(by: { $0.field < $1.field }) {
            for candidate in lookup.candidates {
                if let column = byNormal[candidate] {
                    used.append((lookup.field, column))
                    taken.insert(candidate)
                    break
                }
            }
        }
        let ignored = columns.filter { !taken.contains(FeedbackField.normalize($0)) }
        return (used, ignored)
    }

    /// Mapped columns (`--map`) that are not among `columns`: each a usage error with a hint.
    func missingExplicit(columns: [String], source: String) -> PromptGateError? {
        let normals = Set(columns.map(FeedbackField.normalize))
        for lookup in lookups.values.sorted(by: { $0.field < $1.field }) {
            guard let explicit = lookup.explicit, !normals.contains(lookup.candidates[0]) else {
                continue
            }
            let hint = suggestion(for: explicit, among: columns).map { "did you mean '\($0)'? " }
            return .usage(
                "--map \(lookup.field)=\(explicit): \(source) has no column '\(explicit)'",
                hint: "\(hint ?? "")Columns: \(columns.joined(separator: ", ")).")
        }
        return nil
    }
}
