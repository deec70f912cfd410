import Basics

/// The reports' JSON layout written by hand a member at a time (two spaces a level,
/// `"key" : value`, an empty container as `[`, a blank line, `]`): the bytes one pretty print
/// of the whole object gives, without a dictionary of values per case, a sort of its keys
/// or a string per scalar. Callers write members in sorted order.
enum ReportJSONLayout {
    /// `JSONValue.rounded(value, places:)`'s text.
    static func roundedText(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return JSONText.number((value * scale).rounded() / scale)
    }

    /// A number rounded to `1 / places` as the reports write it; NaN and infinities are not
    /// JSON: null.
    static func number(_ x: Double, places: Double = 10000) -> String {
        x.isFinite ? JSONText.number((x * places).rounded() / places) : "null"
    }

    /// Indentation a level at a time would be four appends a line at the depth of an
    /// assertion's members: one append of a ready string instead.
    private static let indents = (0..<8).map { String(repeating: "  ", count: $0) }

    static func indent(_ out: inout String, _ level: Int) {
        guard level < indents.count else {
            for _ in 0..<level { out += "  " }
            return
        }
        out += indents[level]
    }

    /// An indented `"name" : ` (the names here need no escaping).
    static func key(_ name: String, into out: inout String, level: Int) {
        indent(&out, level)
        out += "\""
        out += name
        out += "\" : "
    }

    /// A member that is not the last of its object: `"name" : value,` and a new line.
    static func field(_ name: String, _ json: String, into out: inout String, level: Int) {
        key(name, into: &out, level: level)
        out += json
        out += ",\n"
    }

    /// `field` for a string or null, escaped straight into `out` (a model's output can be
    /// megabytes: no escaped copy is made aside).
    static func field(_ name: String, string: String?, into out: inout String, level: Int) {
        key(name, into: &out, level: level)
        if let string { JSONText.append(string, to: &out) } else { out += "null" }
        out += ",\n"
    }

    /// A string this long goes to a ``Spill`` in slices, not into the text.
    static let spillSize = 65_536

    /// Where a member's big string goes instead of into the text being built: the text so
    /// far is handed over first, then the escaped string a slice at a time.
    typealias Spill = (String) throws -> Void

    /// `field(_:string:into:level:)` that hands a string of ``spillSize`` bytes or more to
    /// `spill` (with the text before it), so a megabyte output is never copied whole.
    static func field(
        _ name: String, string: String?, into out: inout String, level: Int, spill: Spill?
    ) throws {
        guard let spill, let string, string.utf8.count >= spillSize else {
            return field(name, string: string, into: &out, level: level)
        }
        key(name, into: &out, level: level)
        try spill(out)
        out = ""
        try JSONText.write(string, spill)
        out += ",\n"
    }

    /// The last member of an object whose members are at `level`: `"name" : value`, a new
    /// line and the closing brace one level out.
    static func last(_ name: String, _ json: String, into out: inout String, level: Int) {
        key(name, into: &out, level: level)
        out += json
        out += "\n"
        indent(&out, level - 1)
        out += "}"
    }

    /// An array at `level`: each item on its own line one level in, written by `item` (which
    /// is given that level), an empty one as `[`, a blank line, `]`.
    static func array<T>(
        _ items: [T], into out: inout String, level: Int,
        item: (T, inout String, Int) -> Void
    ) {
        out += "[\n"
        if items.isEmpty { out += "\n" }
        for (index, value) in items.enumerated() {
            indent(&out, level + 1)
            item(value, &out, level + 1)
            out += index == items.count - 1 ? "\n" : ",\n"
        }
        indent(&out, level)
        out += "]"
    }
}
