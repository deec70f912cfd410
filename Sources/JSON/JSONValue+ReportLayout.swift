import Basics

/// The layout of promptgate's JSON reports (the one `JSONSerialization` writes with
/// `.prettyPrinted` and `.sortedKeys`): two spaces per level, `"key" : value`, every array
/// item on its own line, an empty container as `[`, a blank line, `]`. Written by hand so a
/// report costs no Foundation bridging, and in pieces so a report of any size can be streamed.
extension JSONValue {
    /// The value in the report layout, its nested lines indented by `level` levels.
    public func reportText(level: Int = 0) -> String {
        var out = ""
        writeReport(into: &out, level: level)
        return out
    }

    /// Appends the value in the report layout; nested lines are indented by `level` levels.
    public func writeReport(into out: inout String, level: Int) {
        switch self {
        case .array(let items):
            out += "[\n"
            if items.isEmpty { out += "\n" }
            for (index, item) in items.enumerated() {
                Self.indent(&out, level + 1)
                item.writeReport(into: &out, level: level + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            Self.indent(&out, level)
            out += "]"
        case .object(let members):
            out += "{\n"
            if members.isEmpty { out += "\n" }
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                Self.member(key, into: &out, level: level + 1)
                members[key]?.writeReport(into: &out, level: level + 1)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            Self.indent(&out, level)
            out += "}"
        default:
            out += jsonText
        }
    }

    /// Appends `level` levels of indentation.
    public static func indent(_ out: inout String, _ level: Int) {
        for _ in 0..<level { out += "  " }
    }

    /// Appends an indented `"key" : ` (the value is the caller's to write).
    public static func member(_ key: String, into out: inout String, level: Int) {
        indent(&out, level)
        out += JSONText.string(key)
        out += " : "
    }

    /// A number rounded to `places` decimals, as the reports show scores and rates.
    public static func rounded(_ value: Double, places: Int) -> JSONValue {
        let scale = Double(pow10(places))
        return .number((value * scale).rounded() / scale)
    }

    private static func pow10(_ n: Int) -> Int {
        var p = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// An optional string, `null` when absent.
    public static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }
}
