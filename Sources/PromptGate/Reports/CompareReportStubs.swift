// Temporary until the Markdown/HTML/JUnit compare reports land.
extension Comparison {
    public func markdown(limit: Int = 60_000) -> String {
        text(style: TerminalStyle(enabled: false))
    }
    public func html() -> String {
        "<pre>" + HTMLEscape.escape(text(style: TerminalStyle(enabled: false))) + "</pre>"
    }
    public func junit() -> String { "" }
}
