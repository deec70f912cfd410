// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "promptgate",
    products: [
        .executable(name: "promptgate", targets: ["promptgate"]),
        .executable(name: "fake-model", targets: ["fake-model"]),
        .library(name: "PromptGate", targets: ["PromptGate"]),
        .library(name: "YAMLCoding", targets: ["YAMLCoding"]),
        .library(name: "HTTPClient", targets: ["HTTPClient"]),
    ],
    targets: [
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
        .target(name: "YAMLCoding", dependencies: ["CYAML"]),
        .target(name: "HTTPClient", dependencies: ["CCurl"]),
        .target(
            name: "PromptGate",
            dependencies: ["YAMLCoding", "HTTPClient", "CSQLite", "COpenSSL"]),
        .executableTarget(name: "promptgate", dependencies: ["PromptGate"]),
        .executableTarget(name: "fake-model"),
        .target(name: "TestKit", dependencies: ["HTTPClient"], path: "Tests/TestKit"),
        .testTarget(name: "YAMLCodingTests", dependencies: ["YAMLCoding"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "TestKit"]),
        .testTarget(
            name: "PromptGateTests", dependencies: ["PromptGate", "YAMLCoding", "TestKit"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PromptGate", "TestKit"]),
    ],
    swiftLanguageModes: [.v6]
)
