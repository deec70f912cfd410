/// What decoding reads from a scalar by the YAML 1.2 core schema, without building the error
/// a failed decode throws: for types that try several readings in turn (a bool, else a
/// number, else a string), where those errors would cost more than the decode itself.
extension YAMLNode {
    /// What `decodeNil()` answers: `null`, `Null`, `NULL`, `~` or empty (plain and untagged),
    /// or any scalar tagged `!!null`.
    public var isNull: Bool {
        guard case .scalar(let scalar, _) = self else { return false }
        if scalar.tag == CoreSchema.nullTag { return true }
        return scalar.isPlainUntagged && CoreSchema.isNull(scalar.value)
    }

    /// What `decode(Bool.self)` returns; nil where it throws.
    public var boolValue: Bool? {
        resolvableText(tag: CoreSchema.boolTag).flatMap(CoreSchema.bool)
    }

    /// What `decode(T.self)` returns for an integer type; nil where it throws.
    public func integerValue<T: FixedWidthInteger>(as type: T.Type) -> T? {
        guard let text = resolvableText(tag: CoreSchema.intTag),
            case .value(let value) = CoreSchema.integer(text, as: T.self)
        else { return nil }
        return value
    }

    /// What `decode(Double.self)` returns; nil where it throws.
    public var doubleValue: Double? {
        if let text = resolvableText(tag: CoreSchema.floatTag),
            let value = CoreSchema.double(text)
        {
            return value
        }
        // An explicit `!!int` is a number too.
        if case .scalar(let scalar, _) = self, scalar.tag == CoreSchema.intTag {
            return CoreSchema.double(scalar.value)
        }
        return nil
    }

    /// The text when this is a scalar whose type may be resolved (plain and untagged, or
    /// explicitly tagged `tag`). Quoted scalars never resolve to non-strings.
    func resolvableText(tag: String) -> String? {
        guard case .scalar(let scalar, _) = self else { return nil }
        if scalar.tag == tag { return scalar.value }
        return scalar.isPlainUntagged ? scalar.value : nil
    }
}
