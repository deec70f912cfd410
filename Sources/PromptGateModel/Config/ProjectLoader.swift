import Assertions
import Basics
import Foundation
import Templates
import YAMLCoding

/// Reads `promptgate.yaml`, `prompts/*/v*.yaml` and `suites/*.yaml`, collecting every
/// problem instead of stopping at the first.
public struct ProjectLoader {
    public var root: String
    private let decoder: YAMLDecoder
    /// The versions each case is render-checked against as it is decoded.
    public var renderSelection: RenderSelection

    public init(root: String, renderSelection: RenderSelection = .none) {
        self.root = root
        self.renderSelection = renderSelection
        var decoder = YAMLDecoder()
        // `file://` schemas in json-schema assertions resolve against the project.
        decoder.userInfo[AssertionSpec.projectRootKey] = root
        self.decoder = decoder
    }

    /// Loads the project. Problems come back as diagnostics; the project holds what loaded.
    public func load() throws(PromptGateError) -> (Project, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let configFile = try SourceFile.read(relativePath: ProjectRoot.configFileName, root: root)
        var config: ProjectConfig?
        do {
            config = try decoder.decode(
                ProjectConfig.self, from: Data(configFile.bytes), file: configFile.path)
        } catch {
            diagnostics.append(Diagnostic(error))
        }
        var prompts: [String: [LoadedPrompt]] = [:]
        for path in files(in: "prompts", depth: 2) where isPromptVersionFile(path) {
            guard let loaded = loadPrompt(path, into: &diagnostics) else { continue }
            prompts[loaded.version.id, default: []].append(loaded)
        }
        for id in prompts.keys {
            prompts[id]?.sort { VersionOrder.less($0.version.version, $1.version.version) }
        }
        var suites: [LoadedSuite] = []
        let precheck =
            renderSelection == .none
            ? nil : SuiteCases.Precheck(prompts: prompts, root: root, selection: renderSelection)
        for path in files(in: "suites", depth: 1)
        where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            if let suite = loadSuite(path, precheck: precheck, into: &diagnostics) {
                suites.append(suite)
            }
        }
        let project = Project(
            root: root, configFile: configFile, config: config, prompts: prompts, suites: suites)
        return (project, withSourceLines(diagnostics))
    }

    /// Errors decoded from a node (one case at a time) carry no source text: add the line for
    /// the caret display, reading each file at most once and only when something went wrong.
    private func withSourceLines(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var files: [String: SourceFile] = [:]
        return diagnostics.map { d in
            guard d.sourceLine == nil, d.line > 0 else { return d }
            if files[d.file] == nil {
                files[d.file] = try? SourceFile.read(relativePath: d.file, root: root)
            }
            var filled = d
            filled.sourceLine = files[d.file]?.line(d.line)
            return filled
        }
    }

    /// `prompts/<id>/v<version>.yaml`; `release.yaml` and other files are not versions.
    private func isPromptVersionFile(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard parts.count == 3, let name = parts.last else { return false }
        return name.hasPrefix("v") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }

    private func loadPrompt(_ path: String, into diagnostics: inout [Diagnostic]) -> LoadedPrompt? {
        let file: SourceFile
        do { file = try SourceFile.read(relativePath: path, root: root) } catch {
            diagnostics.append(Diagnostic(file: path, message: error.description))
            return nil
        }
        let version: PromptVersion
        do {
            version = try decoder.decode(PromptVersion.self, from: Data(file.bytes), file: path)
        } catch {
            diagnostics.append(Diagnostic(error))
            return nil
        }
        // The path names the prompt: prompts/<id>/v<version>.yaml must agree with the contents.
        let parts = path.split(separator: "/").map(String.init)
        let dirID = parts[1]
        var stem = parts[2]
        stem = String(stem.dropFirst().prefix(upTo: stem.lastIndex(of: ".") ?? stem.endIndex))
        if version.id != dirID {
            diagnostics.append(
                Diagnostic(
                    file: path, line: 1, column: 1, path: "id",
                    message:
                        "id '\(version.id)' does not match the directory prompts/\(dirID)/; rename one so they agree"
                ))
        }
        if version.version != stem {
            diagnostics.append(
                Diagnostic(
                    file: path, line: 1, column: 1, path: "version",
                    message:
                        "version '\(version.version)' does not match the file name v\(stem).yaml; a version lives in prompts/<id>/v<version>.yaml"
                ))
        }
        var templates: [Template?] = []
        let lines = file.lines
        for (index, message) in version.messages.enumerated() {
            do {
                templates.append(try Template(message.content.text))
            } catch {
                let mark = message.content.fileMark(of: error.position, fileLines: lines)
                diagnostics.append(
                    Diagnostic(
                        at: mark, path: "messages[\(index)].content", message: error.message,
                        sourceLine: file.line(mark.line)))
                templates.append(nil)
            }
        }
        return LoadedPrompt(file: file, version: version, templates: templates)
    }

    private func loadSuite(
        _ path: String, precheck: SuiteCases.Precheck?, into diagnostics: inout [Diagnostic]
    ) -> LoadedSuite? {
        let source: SuiteCases.Source
        do { source = try SuiteCases.Source.read(relativePath: path, root: root) } catch {
            diagnostics.append(Diagnostic(file: path, message: error.description))
            return nil
        }
        let file = source.file
        let node: YAMLNode
        let parsed: YAMLStreamedParse
        let stream: SuiteCases.Stream
        do {
            (parsed, stream) = try SuiteCases.parse(source, with: decoder, precheck: precheck)
            guard let root = parsed.root else {
                stream.abandon()
                diagnostics.append(
                    Diagnostic(
                        file: path, line: 1, column: 1,
                        message: "file is empty; expected a suite (suite, prompt, cases)"))
                return nil
            }
            node = root
        } catch {
            diagnostics.append(Diagnostic(error))
            return nil
        }
        let header: SuiteHeader
        do {
            header = try decoder.decode(SuiteHeader.self, from: node)
        } catch {
            stream.abandon()
            diagnostics.append(Diagnostic(error))
            return nil
        }
        switch node["cases"] {
        case .sequence?:
            let loaded = stream.finish(parsed: parsed, header: header)
            diagnostics += loaded.diagnostics
            var suite = LoadedSuite(
                file: loaded.file, header: header, cases: loaded.cases,
                caseAssertionKinds: loaded.assertionKinds)
            suite.renderPrecheck = loaded.renderPrecheck
            return suite
        case let other?:
            stream.abandon()
            diagnostics.append(
                Diagnostic(
                    at: other.mark, path: "cases", message: "expected a list of cases",
                    sourceLine: file.line(other.mark.line)))
        case nil:
            stream.abandon()  // SuiteHeader already reported the missing key.
        }
        return LoadedSuite(file: file, header: header, cases: [], caseAssertionKinds: [])
    }

    /// Root-relative paths of the files below `dir`, sorted, at most `depth` levels down.
    private func files(in dir: String, depth: Int) -> [String] {
        let base = (root as NSString).appendingPathComponent(dir)
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [String] = []
        while let rel = enumerator.nextObject() as? String {
            let levels = rel.split(separator: "/").count
            if levels > depth {
                enumerator.skipDescendants()
                continue
            }
            var isDir: ObjCBool = false
            let full = (base as NSString).appendingPathComponent(rel)
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out.append("\(dir)/\(rel)")
            }
        }
        return out.sorted()
    }
}

/// A coding key for building paths by hand.
package struct PathKey: CodingKey {
    package var stringValue: String
    package var intValue: Int?
    package init(_ string: String) {
        stringValue = string
        intValue = nil
    }
    package init(_ int: Int) {
        // "Index N" is how decoders name sequence positions; the YAML layer prints it as [N].
        stringValue = "Index \(int)"
        intValue = int
    }
    package init?(stringValue: String) { self.init(stringValue) }
    package init?(intValue: Int) { self.init(intValue) }
}

/// Orders versions like "1.2" < "1.10" < "2.0": numeric parts numerically, others as text.
public enum VersionOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let pa = a.split(separator: ".")
        let pb = b.split(separator: ".")
        for (x, y) in zip(pa, pb) where x != y {
            if let ix = Int(x), let iy = Int(y) { return ix < iy }
            return x < y
        }
        return pa.count < pb.count
    }
}
