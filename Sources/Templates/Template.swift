/// A parsed prompt template: `{{ var }}`, dotted paths (`{{ order.items.0.name }}`), filters
/// (`{{ name | trim | upper }}`, `lower`, `json`, `default("x")`) and
/// `{{#if var}} … {{else}} … {{/if}}` blocks.
///
/// Rendering is strict: a variable that is missing and has no `default` is an error naming it
/// and its position. `#if` on a missing variable is false. Parse once, render many times.
public struct Template: Sendable {
    /// The template text as given.
    public let source: String
    let nodes: [TemplateNode]

    /// Parses `source`, throwing the first syntax error with its position.
    public init(_ source: String) throws(TemplateError) {
        var parser = TemplateParser(source)
        self.source = source
        self.nodes = try parser.parse()
    }

    /// Root names every rendering needs: those used outside any `#if` block and without a
    /// `default` filter, in order of first use.
    public var referencedVariables: [String] {
        var names: [String] = []
        for case .output(let expression) in nodes where !expression.hasDefault {
            if !names.contains(expression.path.root) { names.append(expression.path.root) }
        }
        return names
    }

    /// Every root name the template mentions anywhere (conditions, branches, defaulted), in
    /// order of first use.
    public var allVariables: [String] {
        var names: [String] = []
        Self.collectRoots(nodes, into: &names)
        return names
    }

    private static func collectRoots(_ nodes: [TemplateNode], into names: inout [String]) {
        for node in nodes {
            switch node {
            case .text:
                break
            case .output(let expression):
                if !names.contains(expression.path.root) { names.append(expression.path.root) }
            case .conditional(let block):
                if !names.contains(block.condition.root) { names.append(block.condition.root) }
                collectRoots(block.then, into: &names)
                collectRoots(block.otherwise, into: &names)
            }
        }
    }

    /// Renders with `vars`, throwing the first undefined variable.
    public func render(_ vars: [String: TemplateValue]) throws(TemplateError) -> String {
        var renderer = TemplateRenderer(vars: vars, stopAtFirstError: true)
        renderer.render(nodes)
        if let error = renderer.errors.first { throw error }
        return renderer.output
    }

    /// Renders collecting every error instead of stopping at the first (for `validate`).
    /// Only the branches `vars` select are checked, as in rendering.
    public func check(_ vars: [String: TemplateValue]) -> [TemplateError] {
        var renderer = TemplateRenderer(vars: vars, stopAtFirstError: false)
        renderer.render(nodes)
        return renderer.errors
    }
}
