/// The version of promptgate, as `promptgate --version` prints it and as runs and gate
/// records store it.
public enum PromptGateVersion {
    public static let current = "0.1.0"
}
