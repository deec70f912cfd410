/// The encoder's mutable tree; containers write into boxes their parents already hold.
final class EncodedValue {
    enum Content {
        case empty
        /// `isString`: text that must read back as a string; otherwise a plain number,
        /// boolean or null.
        case scalar(String, isString: Bool)
        case sequence([EncodedValue])
        case mapping(keys: [String], values: [EncodedValue], index: [String: Int])
    }

    var content: Content = .empty

    init() {}

    init(scalar: String, isString: Bool) {
        content = .scalar(scalar, isString: isString)
    }

    /// Sets the value for `key`, replacing an earlier one with the same key.
    func set(_ value: EncodedValue, for key: String) {
        if case .mapping(var keys, var values, var index) = content {
            content = .empty  // drop the reference so the arrays are uniquely owned
            if let position = index[key] {
                values[position] = value
            } else {
                index[key] = keys.count
                keys.append(key)
                values.append(value)
            }
            content = .mapping(keys: keys, values: values, index: index)
        } else {
            content = .mapping(keys: [key], values: [value], index: [key: 0])
        }
    }

    func append(_ value: EncodedValue) {
        if case .sequence(var items) = content {
            content = .empty
            items.append(value)
            content = .sequence(items)
        } else {
            content = .sequence([value])
        }
    }

    func becomeMapping() {
        if case .mapping = content { return }
        content = .mapping(keys: [], values: [], index: [:])
    }

    func becomeSequence() {
        if case .sequence = content { return }
        content = .sequence([])
    }
}
