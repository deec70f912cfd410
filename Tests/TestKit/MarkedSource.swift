/// Test input with position markers: `1️⃣`, `2️⃣`, … are removed and their line and column
/// (1-based, counted in Unicode scalars like the YAML layer) recorded, so tests can assert
/// the exact position of a diagnostic.
public struct MarkedSource {
    public let text: String
    public private(set) var marks: [String: (line: Int, column: Int)] = [:]

    public static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    public init(_ marked: String) {
        var clean = ""
        var line = 1
        var column = 1
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for marker in Self.markers where rest.hasPrefix(marker) {
                marks[marker] = (line, column)
                rest = rest.dropFirst(marker.count)
                continue outer
            }
            let ch = rest.removeFirst()
            clean.append(ch)
            if ch == "\n" {
                line += 1
                column = 1
            } else {
                column += ch.unicodeScalars.count
            }
        }
        text = clean
    }

    /// `line:column` of a marker, for comparing with a diagnostic.
    public func position(_ marker: String) -> String {
        guard let m = marks[marker] else { return "no marker \(marker)" }
        return "\(m.line):\(m.column)"
    }
}
