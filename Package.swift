// swift-tools-version:6.0
import PackageDescription

// The dependency graph is the architecture (docs/architecture.md): each target may import
// only what is listed under it, so a layer cannot reach up and a cycle does not compile.
//
//   C libraries  CYAML CCurl CSQLite COpenSSL CMicroHTTPD
//   wrappers     YAMLCoding HTTPClient SQLite
//   plain        Basics ← JSON, Metrics, LanguageDetection, Diff, Templates;  Stats
//   domain       Assertions, Providers ← PromptGateModel ← Store ← Engine ← Compare ← Gate ← Reports
//   workflows    Store ← Feedback;  PromptGateModel, Providers ← ProjectValidation;
//                HTTPClient ← GitHub (pull-request comments)
//   service      Feedback, Gate, CMicroHTTPD ← FeedbackServer (`feedback serve`)
//   executables  promptgate (the whole command line, imported by nothing), fake-model
let package = Package(
    name: "promptgate",
    products: [
        .executable(name: "promptgate", targets: ["promptgate"]),
        .executable(name: "fake-model", targets: ["fake-model"]),
        .library(
            name: "PromptGate",
            targets: [
                "PromptGateModel", "Engine", "Compare", "Reports", "Gate", "Feedback",
                "ProjectValidation",
            ]),
        .library(name: "YAMLCoding", targets: ["YAMLCoding"]),
        .library(name: "HTTPClient", targets: ["HTTPClient"]),
    ],
    targets: [
        // C libraries from Debian packages.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CMicroHTTPD", pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]),

        // Wrappers of one C library each, and plain libraries that know nothing of promptgate.
        .target(name: "YAMLCoding", dependencies: ["CYAML"]),
        .target(name: "HTTPClient", dependencies: ["CCurl"]),
        // Regular expressions run on the toolchain's ICU (the one Foundation wraps) directly.
        .target(
            name: "Basics", dependencies: ["COpenSSL", "YAMLCoding"],
            linkerSettings: [.linkedLibrary("_FoundationICU")]),
        .target(name: "SQLite", dependencies: ["CSQLite", "Basics"]),
        .target(name: "JSON", dependencies: ["Basics"]),
        .target(name: "Metrics", dependencies: ["Basics"]),
        .target(name: "LanguageDetection", dependencies: ["Basics"]),
        .target(name: "Stats"),
        .target(name: "Diff", dependencies: ["Basics"]),
        .target(name: "Templates", dependencies: ["Basics", "YAMLCoding"]),
        .target(name: "Conversation", dependencies: ["Basics", "JSON"]),

        // The domain, bottom up.
        .target(
            name: "Assertions",
            dependencies: [
                "Basics", "JSON", "Metrics", "LanguageDetection", "Templates", "YAMLCoding",
                "Conversation",
            ]),
        .target(
            name: "PromptGateModel",
            dependencies: [
                "Basics", "JSON", "Assertions", "Templates", "Providers", "YAMLCoding",
            ]),
        .target(
            name: "Providers",
            dependencies: [
                "Basics", "JSON", "Conversation", "Templates", "HTTPClient", "YAMLCoding",
            ]),
        .target(
            name: "Store",
            dependencies: [
                "Basics", "JSON", "SQLite", "Assertions", "Providers", "PromptGateModel",
            ]),
        .target(
            name: "Engine",
            dependencies: [
                "Basics", "Assertions", "PromptGateModel", "Templates", "Providers", "Store",
                "HTTPClient",
            ]),
        .target(
            name: "Compare",
            dependencies: [
                "Basics", "JSON", "Conversation", "PromptGateModel", "Stats", "Store", "Engine",
            ]),
        .target(
            name: "Reports",
            dependencies: [
                "Basics", "JSON", "Conversation", "PromptGateModel", "Diff", "Engine", "Compare",
                "Gate",
            ]),
        .target(
            name: "Gate",
            dependencies: ["Basics", "PromptGateModel", "Store", "Engine", "Compare", "YAMLCoding"]),
        .target(
            name: "Feedback",
            dependencies: [
                "Basics", "SQLite", "JSON", "Stats", "LanguageDetection", "Assertions",
                "PromptGateModel", "Store", "YAMLCoding",
            ]),
        // The collection service: libmicrohttpd, wrapped in one class, over Feedback and Gate.
        .target(
            name: "FeedbackServer",
            dependencies: [
                "CMicroHTTPD", "Basics", "JSON", "PromptGateModel", "Gate", "Feedback",
                "YAMLCoding",
            ]),
        .target(
            name: "ProjectValidation",
            dependencies: [
                "Basics", "Assertions", "PromptGateModel", "Templates", "Providers", "YAMLCoding",
            ]),

        // Pull-request comments through the GitHub REST API (the Action's sticky comment).
        .target(name: "GitHub", dependencies: ["Basics", "HTTPClient", "JSON"]),

        // The command line: argument parsing, help, console, errors to exit codes.
        .executableTarget(
            name: "promptgate",
            dependencies: [
                "Basics", "Stats", "PromptGateModel", "Providers", "Store", "Engine", "Compare",
                "Reports", "Gate", "Feedback", "FeedbackServer", "ProjectValidation", "YAMLCoding",
                "GitHub",
            ]),
        .executableTarget(name: "fake-model"),

        .target(name: "TestKit", dependencies: ["HTTPClient"], path: "Tests/TestKit"),
        .testTarget(name: "YAMLCodingTests", dependencies: ["YAMLCoding", "JSON", "TestKit"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "TestKit"]),
        .testTarget(
            name: "PromptGateTests",
            dependencies: [
                "Basics", "SQLite", "JSON", "Metrics", "LanguageDetection", "Stats", "Diff",
                "Templates", "Assertions", "PromptGateModel", "Providers", "Store", "Engine",
                "Compare", "Reports", "Gate", "Feedback", "FeedbackServer", "ProjectValidation",
                "YAMLCoding", "GitHub", "TestKit",
            ]),
        .testTarget(name: "CLITests", dependencies: ["promptgate", "Basics"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Basics", "SQLite", "PromptGateModel", "Store", "Engine", "Compare", "Gate",
                "Feedback", "FeedbackServer", "ProjectValidation", "TestKit", "YAMLCoding", "JSON",
                "HTTPClient",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
