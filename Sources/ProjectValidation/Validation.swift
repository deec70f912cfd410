import Basics
import Foundation
import PromptGateModel

/// The result of `promptgate validate`: every problem found, and what was checked.
public struct ValidationReport: Sendable, Encodable {
    public var diagnostics: [Diagnostic]
    public var prompts: Int
    public var versions: Int
    public var suites: Int
    public var cases: Int
    /// Case × version renders performed without calling a model.
    public var renders: Int

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var ok: Bool { errorCount == 0 }

    enum CodingKeys: String, CodingKey {
        case ok, diagnostics, summary
    }

    enum SummaryKeys: String, CodingKey {
        case prompts, versions, suites, cases, renders, errors
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ok, forKey: .ok)
        try c.encode(diagnostics, forKey: .diagnostics)
        var s = c.nestedContainer(keyedBy: SummaryKeys.self, forKey: .summary)
        try s.encode(prompts, forKey: .prompts)
        try s.encode(versions, forKey: .versions)
        try s.encode(suites, forKey: .suites)
        try s.encode(cases, forKey: .cases)
        try s.encode(renders, forKey: .renders)
        try s.encode(errorCount, forKey: .errors)
    }
}

public enum Validation {
    /// Loads and checks the project at `root`, collecting every problem. The commands of
    /// `exec` providers are looked up with `commandEnvironment`'s `PATH` (nil skips that).
    /// `renderSelection` names the versions a command will render, so the loader checks
    /// them as it decodes the cases (`renderAllVersions` checks every version anyway).
    public static func run(
        root: String, renderAllVersions: Bool = true,
        commandEnvironment: [String: String]? = ProcessInfo.processInfo.environment,
        renderSelection: RenderSelection = .none
    ) throws(PromptGateError)
        -> (
            Project, ValidationReport
        )
    {
        let loader = ProjectLoader(
            root: root, renderSelection: renderAllVersions ? .allVersions : renderSelection)
        let (project, loadDiagnostics) = try loader.load()
        let diagnostics =
            loadDiagnostics
            + ProjectValidator(
                project: project, renderAllVersions: renderAllVersions,
                commandEnvironment: commandEnvironment
            ).validate()
        let versions = project.prompts.values.reduce(0) { $0 + $1.count }
        let cases = project.suites.reduce(0) { $0 + $1.cases.count }
        let renders = project.suites.reduce(0) {
            $0 + $1.cases.count * (project.prompts[$1.header.prompt.value]?.count ?? 0)
        }
        let report = ValidationReport(
            diagnostics: diagnostics.sorted(), prompts: project.prompts.count, versions: versions,
            suites: project.suites.count, cases: cases, renders: renders)
        return (project, report)
    }

    /// Loads the project for a command that will run it: any error stops it with exit 2.
    /// Renders are checked by the plan, for the version that runs. A command that will call
    /// providers passes its environment, so a missing `exec` program stops it too.
    public static func loadForRun(
        root: String, commandEnvironment: [String: String]? = nil,
        renderSelection: RenderSelection = .none
    ) throws(PromptGateError) -> Project {
        let (project, report) = try run(
            root: root, renderAllVersions: false, commandEnvironment: commandEnvironment,
            renderSelection: renderSelection)
        if !report.ok {
            throw .configuration(report.diagnostics.filter { $0.severity == .error })
        }
        return project
    }
}
