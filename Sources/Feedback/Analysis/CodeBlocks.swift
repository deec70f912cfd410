/// Code in a user's message: fenced blocks (```` ``` ```` or `~~~`, with the language when the
/// fence names one) and indented blocks (lines indented four spaces or a tab after a blank
/// line or at the start, as in Markdown).
public struct CodeBlocks: Sendable, Hashable {
    /// The language of each block in order: the fence's info word lowercased (`python`), or
    /// ``unmarked`` for an indented block or a bare fence.
    public var languages: [String]

    /// The language given for a block whose fence names none.
    public static let unmarked = "unmarked"

    /// Whether there is any code.
    public var isEmpty: Bool { languages.isEmpty }

    /// Finds the code blocks of `text`.
    public init(_ text: String) {
        languages = []
        let bytes = text.utf8
        guard
            bytes.contains(UInt8(ascii: "`")) || bytes.contains(UInt8(ascii: "~"))
                || bytes.contains(UInt8(ascii: "\t")) || text.contains("    ")
        else { return }
        var fence: (character: Character, length: Int)?
        var previousBlank = true
        var inIndented = false
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let indent = line.prefix(while: { $0 == " " })
            let trimmed = line.dropFirst(indent.count)
            if let open = fence {
                let run = trimmed.prefix(while: { $0 == open.character }).count
                if run >= open.length, trimmed.dropFirst(run).allSatisfy(\.isWhitespace) {
                    fence = nil
                }
                previousBlank = false
                continue
            }
            if indent.count <= 3, let marker = trimmed.first, marker == "`" || marker == "~" {
                let run = trimmed.prefix(while: { $0 == marker }).count
                let info = trimmed.dropFirst(run)
                // ```x``` on one line is inline code, not a fence.
                if run >= 3, marker == "~" || !info.contains("`") {
                    fence = (marker, run)
                    languages.append(Self.language(of: info))
                    inIndented = false
                    previousBlank = false
                    continue
                }
            }
            let blank = trimmed.allSatisfy(\.isWhitespace)
            let indented = !blank && (indent.count >= 4 || line.first == "\t")
            if indented, previousBlank || inIndented {
                if !inIndented { languages.append(Self.unmarked) }
                inIndented = true
            } else if !blank {
                inIndented = false
            }
            previousBlank = blank
        }
    }

    /// The first word of a fence's info string, lowercased, without `{…}` attributes.
    private static func language(of info: Substring) -> String {
        let word = info.drop(while: { $0 == " " || $0 == "{" || $0 == "." })
            .prefix(while: { !$0.isWhitespace && $0 != "{" && $0 != "}" && $0 != "," })
        return word.isEmpty ? unmarked : word.lowercased()
    }
}
