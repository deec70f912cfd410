extension JSONValue {
    /// Whether `subset` is contained in this value: every member of an object subset is
    /// present and contained in turn, arrays match item by item with equal lengths, and any
    /// other value is equal (numbers by value). What `tool-args` with a `value` and the
    /// `match:` rules of a tool stub mean by "the arguments contain".
    public func contains(_ subset: JSONValue) -> Bool {
        switch (self, subset) {
        case (.object(let a), .object(let b)):
            b.allSatisfy { key, wanted in a[key]?.contains(wanted) ?? false }
        case (.array(let a), .array(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.contains($1) }
        default:
            self == subset
        }
    }
}
