import Foundation

/// Finds the project: the nearest directory at or above the start that holds `promptgate.yaml`.
public enum ProjectRoot {
    public static let configFileName = "promptgate.yaml"

    public static func find(startingAt start: String) throws(PromptGateError) -> String {
        var dir = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent(configFileName).path
            if FileManager.default.fileExists(atPath: candidate) { return dir.path }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        throw .projectNotFound(searchedFrom: start)
    }

    /// `--root DIR`: must exist and hold `promptgate.yaml`.
    public static func validate(given dir: String) throws(PromptGateError) -> String {
        let url = URL(fileURLWithPath: dir).standardizedFileURL
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue
        else {
            throw .usage("--root \(dir): no such directory", hint: nil)
        }
        guard
            FileManager.default.fileExists(atPath: url.appendingPathComponent(configFileName).path)
        else {
            throw .usage(
                "--root \(dir): no \(configFileName) in that directory",
                hint: "create one (see README.md) or point --root at the project that has it")
        }
        return url.path
    }
}
