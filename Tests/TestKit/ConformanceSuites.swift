import Foundation

/// The public conformance suites (yaml-test-suite, JSON-Schema-Test-Suite), which are not part
/// of the repository: read from `$PROMPTGATE_CONFORMANCE_DIR`, by default
/// `<repo>/../shared/conformance` (the developers' copy). A user's clone has nothing there, so
/// the tests that need them are skipped with ``skipLine(_:holding:)``.
public enum ConformanceSuites {
    public static let directory =
        ProcessInfo.processInfo.environment["PROMPTGATE_CONFORMANCE_DIR"]
        ?? URL(fileURLWithPath: TempProject.repositoryRoot)
        .appendingPathComponent("../shared/conformance").standardizedFileURL.path

    /// `relative` inside ``directory``.
    public static func folder(_ relative: String) -> URL {
        URL(fileURLWithPath: directory).appendingPathComponent(relative)
    }

    /// Whether `folder` is there to run.
    public static func available(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.path)
    }

    /// The one line a skipped conformance test prints: what is missing, where it was looked
    /// for, and how to run it.
    public static func skipLine(_ suite: String, at folder: URL, holding top: String) -> String {
        "\(suite) not found at \(folder.path): set PROMPTGATE_CONFORMANCE_DIR to the folder holding \(top)/ to run it"
    }
}
