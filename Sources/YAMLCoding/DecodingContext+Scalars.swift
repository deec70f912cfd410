/// Scalar conversions: strings as written, numbers and booleans by the YAML 1.2 core schema.
extension DecodingContext {
    /// A hint when the value would have been accepted without quotes.
    private func quoteHint(_ node: YAMLNode, accepts: (String) -> Bool) -> String? {
        guard case .scalar(let scalar, _) = node, scalar.style != .plain, scalar.tag == nil,
            accepts(scalar.value)
        else { return nil }
        return "remove the quotes"
    }

    func isNull(_ node: YAMLNode) -> Bool { node.isNull }

    func string(_ node: YAMLNode, path: CodingPath) throws(YAMLError) -> String {
        guard case .scalar(let scalar, _) = node else {
            throw mismatch(expected: "a string", node: node, path: path)
        }
        return scalar.value
    }

    func bool(_ node: YAMLNode, path: CodingPath) throws(YAMLError) -> Bool {
        if let value = node.boolValue { return value }
        let hint = quoteHint(node) { CoreSchema.bool($0) != nil }
        throw mismatch(expected: "a boolean (true or false)", node: node, path: path, hint: hint)
    }

    func integer<T: FixedWidthInteger>(
        _ type: T.Type, _ node: YAMLNode, path: CodingPath
    ) throws(YAMLError) -> T {
        if let text = node.resolvableText(tag: CoreSchema.intTag) {
            switch CoreSchema.integer(text, as: T.self) {
            case .value(let value): return value
            case .outOfRange:
                throw error(
                    "integer '\(text)' is out of range (\(T.min)...\(T.max))", at: node, path: path)
            case .notInteger: break
            }
        }
        let hint = quoteHint(node) {
            if case .notInteger = CoreSchema.integer($0, as: T.self) { return false }
            return true
        }
        throw mismatch(expected: "an integer", node: node, path: path, hint: hint)
    }

    func double(_ node: YAMLNode, path: CodingPath) throws(YAMLError) -> Double {
        if let value = node.doubleValue { return value }
        let hint = quoteHint(node) { CoreSchema.double($0) != nil }
        throw mismatch(expected: "a number", node: node, path: path, hint: hint)
    }
}
