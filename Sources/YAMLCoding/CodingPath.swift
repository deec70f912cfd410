/// The coding key of a sequence element.
struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}

/// A coding key made from a string (for `superDecoder` and error paths).
struct StringKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// A coding path whose last key is appended only when someone needs the array (an error or
/// a nested decoder), so decoding a scalar field allocates nothing.
struct CodingPath {
    let base: [any CodingKey]
    let last: (any CodingKey)?

    init(_ base: [any CodingKey], appending last: (any CodingKey)? = nil) {
        self.base = base
        self.last = last
    }

    var keys: [any CodingKey] {
        guard let last else { return base }
        return base + [last]
    }

    var isEmpty: Bool { base.isEmpty && last == nil }
}
