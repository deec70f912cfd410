/// The parsed form of a template: text runs, variable outputs and `#if` blocks.
enum TemplateNode: Sendable {
    case text(String)
    case output(TemplateExpression)
    case conditional(TemplateConditional)
}

/// A dotted variable path such as `order.items.0.name`.
struct TemplatePath: Sendable {
    struct Segment: Sendable {
        /// The segment as written; also the key when indexing an object.
        var key: String
        /// The array index, when the segment is all digits.
        var index: Int?
    }

    var root: String
    var segments: [Segment]
    /// The whole path as written, for error messages.
    var text: String
    var position: TemplatePosition
}

/// `{{ path | filter | ... }}`.
struct TemplateExpression: Sendable {
    var path: TemplatePath
    var filters: [TemplateFilter]

    /// Whether a `default` filter makes a missing variable acceptable.
    var hasDefault: Bool {
        filters.contains { if case .default = $0 { true } else { false } }
    }
}

/// `{{#if path}} then {{else}} otherwise {{/if}}`.
struct TemplateConditional: Sendable {
    var condition: TemplatePath
    var then: [TemplateNode]
    var otherwise: [TemplateNode]
}
