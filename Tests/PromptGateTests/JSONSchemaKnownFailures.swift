extension JSONSchemaConformanceTests {
    /// JSON-Schema-Test-Suite tests (`file: group / test`) that promptgate's subset fails.
    static let knownFailures: Set<String> = [
        // A nested `$id` changes the base that `#/$defs/bar` resolves against; promptgate
        // resolves every `$ref` against the root document, so the schema is rejected.
        "ref: URN ref with nested pointer ref / a string is valid",
        "ref: URN ref with nested pointer ref / a non-string is invalid",
    ]
}
