import Basics
import Foundation
import Providers

/// The project's git commit, read from .git without running git.
package enum GitInfo {
    static func head(root: String) -> String? {
        let git = (root as NSString).appendingPathComponent(".git")
        guard let head = try? String(contentsOfFile: git + "/HEAD", encoding: .utf8) else {
            return nil
        }
        let trimmed = head.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("ref: ") else { return trimmed.isEmpty ? nil : trimmed }
        let ref = String(trimmed.dropFirst(5))
        if let sha = try? String(contentsOfFile: git + "/" + ref, encoding: .utf8) {
            return sha.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let packed = try? String(contentsOfFile: git + "/packed-refs", encoding: .utf8) else {
            return nil
        }
        for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
            return String(line.prefix(while: { $0 != " " }))
        }
        return nil
    }
}

/// The provider config as evidence: what shapes outputs, never a secret.
package enum ProviderFingerprint {
    static func json(_ config: ProviderConfig, model: String) -> String {
        var object: [String: Any] = ["type": config.type, "model": model]
        if let base = config.baseURL { object["base_url"] = base }
        if let env = config.apiKeyEnv { object["api_key_env"] = env }
        object["params"] = config.params.jsonObject
        // Header names only: values may carry tokens.
        if !config.headers.isEmpty { object["headers"] = config.headers.keys.sorted() }
        if let settings = config.requestSettings { object["settings"] = settings }
        // exec: the names of the variables the command gets (never their values).
        if !config.env.isEmpty { object["env"] = config.env }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    package static func sha256(_ config: ProviderConfig, model: String) -> String {
        Digest.sha256Hex(Array(json(config, model: model).utf8))
    }
}

extension GitInfo {
    /// `git config user.name` in the project, or nil (no git, or not set).
    package static func userName(root: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "config", "user.name"]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let name = String(decoding: data, as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }
}
