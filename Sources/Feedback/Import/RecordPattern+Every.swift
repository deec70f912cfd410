extension RecordPattern {
    /// The pattern without conditions: every negative record matches it (what
    /// `promptgate init --from-feedback` seeds a suite from). `parse` never returns it: an
    /// empty `--pattern` is a mistake there.
    public static let everyNegative = RecordPattern(conditions: [], source: "")
}
