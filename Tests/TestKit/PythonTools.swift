import Foundation

/// The Python that has the test tools (`jsonschema`, `PyYAML`): `make test-tools`'s venv in
/// `.build/pytools`, else the system's python3 when it has them.
public enum PythonTools {
    public static let python: String? = {
        let venv = TempProject.repositoryRoot + "/.build/pytools/bin/python3"
        for candidate in [venv, "/usr/bin/python3", "/usr/local/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: candidate)
            probe.arguments = ["-c", "import jsonschema, yaml"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            if probe.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    /// Whether tests that need them can run (they are skipped, by name, when not).
    public static var available: Bool { python != nil }
}
