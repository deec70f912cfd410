import Basics
import Foundation
import Templates

/// Loads `file://relative/path` vars: relative to the suite's directory, never outside the root.
public enum VarFiles {
    public static let scheme = "file://"

    /// Replaces each top-level `file://` string var with the file's text.
    public static func resolve(
        _ vars: [String: TemplateValue], suiteDirectory: @autoclosure () -> String, root: String
    ) throws(PromptGateError) -> [String: TemplateValue] {
        var out = vars
        // Most cases name no file: the suite's folder is worked out only for one that does.
        var directory: String?
        for (name, value) in vars {
            guard case .string(let text) = value, text.hasPrefix(scheme) else { continue }
            let suiteDirectory = directory ?? suiteDirectory()
            directory = suiteDirectory
            out[name] = .string(
                try load(
                    String(text.dropFirst(scheme.count)), variable: name,
                    suiteDirectory: suiteDirectory, root: root))
        }
        return out
    }

    static func load(
        _ relative: String, variable name: String, suiteDirectory: String, root: String
    )
        throws(PromptGateError) -> String
    {
        let base = URL(fileURLWithPath: suiteDirectory, isDirectory: true)
        let target = URL(fileURLWithPath: relative, relativeTo: base).standardizedFileURL
            .resolvingSymlinksInPath()
        let rootURL = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
            .resolvingSymlinksInPath()
        let rootPath = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
        guard target.path.hasPrefix(rootPath) else {
            throw .usage(
                "var '\(name)': file://\(relative) resolves outside the project root (\(target.path)); keep var files inside the project",
                hint: nil)
        }
        guard let data = FileManager.default.contents(atPath: target.path) else {
            throw .usage(
                "var '\(name)': file://\(relative) not found (looked for \(target.path) relative to the suite's folder)",
                hint: nil)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .usage("var '\(name)': file://\(relative) is not UTF-8 text", hint: nil)
        }
        return text
    }
}
