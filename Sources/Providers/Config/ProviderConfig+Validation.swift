import Basics
import Templates
import YAMLCoding

extension ProviderConfig {
    typealias Container = KeyedDecodingContainer<CodingKeys>

    /// Keys every type accepts.
    public static let commonKeys: Set<String> = [
        "type", "model", "params", "max_concurrency", "timeout", "retries", "retry_budget", "rpm",
        "tpm",
    ]

    /// Methods the `http` type sends.
    public static let httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    /// A key of another type is an error at that key, naming the types that use it.
    static func checkKeys(_ c: Container, kind: ProviderKind) throws {
        let own = Set(kind.keys)
        for key in c.allKeys where !commonKeys.contains(key.stringValue) {
            guard !own.contains(key.stringValue) else { continue }
            let users = ProviderKind.allCases.filter { $0.keys.contains(key.stringValue) }
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription:
                    "'\(key.stringValue)' does not apply to provider type '\(kind.rawValue)' (it is a key of type \(users.map(\.rawValue).joined(separator: ", "))); valid keys for \(kind.rawValue): \(kind.keys.joined(separator: ", "))"
            )
        }
    }

    /// An error at the provider's mapping, for a key that is missing.
    static func missing(_ c: Container, _ message: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: c.codingPath, debugDescription: message))
    }

    func checkCommon(_ c: Container) throws {
        if let n = maxConcurrency, n < 1 {
            throw DecodingError.dataCorruptedError(
                forKey: .maxConcurrency, in: c,
                debugDescription: "max_concurrency must be at least 1, got \(n)")
        }
        if let t = timeout, !(t > 0) || !t.isFinite {
            throw DecodingError.dataCorruptedError(
                forKey: .timeout, in: c,
                debugDescription: "timeout must be a positive number of seconds")
        }
        if let env = apiKeyEnv, env.isEmpty || env.contains(where: { $0 == " " || $0 == "=" }) {
            throw DecodingError.dataCorruptedError(
                forKey: .apiKeyEnv, in: c,
                debugDescription:
                    "api_key_env names an environment variable (e.g. OPENAI_API_KEY), not the key itself"
            )
        }
        if let env = apiKeyEnv, env.hasPrefix("sk-") {
            throw DecodingError.dataCorruptedError(
                forKey: .apiKeyEnv, in: c,
                debugDescription:
                    "api_key_env looks like an API key; put the key in an environment variable and name that variable here"
            )
        }
        let secretHeaders: Set<String> = ["authorization", "x-api-key", "api-key"]
        if let name = headers.keys.first(where: { secretHeaders.contains($0.lowercased()) }) {
            throw DecodingError.dataCorruptedError(
                forKey: .headers, in: c,
                debugDescription:
                    "header '\(name)' must not be written in promptgate.yaml; set api_key_env so the key stays in the environment"
            )
        }
        if let bad = headers.keys.sorted().first(where: { !Self.isHeaderName($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: .headers, in: c,
                debugDescription: "'\(bad)' is not a valid HTTP header name")
        }
        if let base = baseURL, let problem = Self.httpURLProblem(base, key: "base_url") {
            throw DecodingError.dataCorruptedError(
                forKey: .baseURL, in: c, debugDescription: problem)
        }
    }

    /// anthropic: `anthropic_version`, when set, is not empty.
    func checkAnthropic(_ c: Container) throws {
        if let version = anthropicVersion, version.isEmpty {
            throw DecodingError.dataCorruptedError(
                forKey: .anthropicVersion, in: c,
                debugDescription: "anthropic_version must not be empty, e.g. 2023-06-01")
        }
    }

    /// http: a URL, a method, a body that fits it, an output path, and key options only
    /// with `api_key_env`.
    func checkHTTP(_ c: Container) throws {
        guard let url else {
            throw Self.missing(
                c, "provider type 'http' needs 'url' (the endpoint, e.g. https://example.com/chat)")
        }
        if let problem = Self.httpURLProblem(url, key: "url") {
            throw DecodingError.dataCorruptedError(
                forKey: .url, in: c, debugDescription: problem)
        }
        let method = self.method ?? "POST"
        guard Self.httpMethods.contains(method) else {
            throw DecodingError.dataCorruptedError(
                forKey: .method, in: c,
                debugDescription:
                    "method must be one of \(Self.httpMethods.joined(separator: ", ")), got '\(method)'"
            )
        }
        if let body {
            if method == "GET" {
                throw DecodingError.dataCorruptedError(
                    forKey: .body, in: c,
                    debugDescription: "a GET request has no body; remove 'body' or use POST")
            }
            try Self.checkBodyTemplate(body, c)
        } else if ["POST", "PUT", "PATCH"].contains(method) {
            throw Self.missing(
                c,
                "provider type 'http' with method \(method) needs 'body', a JSON template such as '{\"input\": {{ prompt | json }}}'"
            )
        }
        guard let output else {
            throw Self.missing(
                c,
                "provider type 'http' needs 'output', a JSON path to the reply such as $.data.reply"
            )
        }
        try Self.checkPath(output, at: .output, c)
        if let toolCalls { try Self.checkPath(toolCalls, at: .toolCalls, c) }
        if let header = apiKeyHeader, !Self.isHeaderName(header) {
            throw DecodingError.dataCorruptedError(
                forKey: .apiKeyHeader, in: c,
                debugDescription: "'\(header)' is not a valid HTTP header name")
        }
        let keyOptions: [(String?, CodingKeys)] = [
            (apiKeyHeader, .apiKeyHeader), (apiKeyPrefix, .apiKeyPrefix),
        ]
        for (value, key) in keyOptions where value != nil && apiKeyEnv == nil {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription:
                    "'\(key.stringValue)' only applies with api_key_env, the variable that holds the key"
            )
        }
    }

    private static func checkBodyTemplate(_ body: String, _ c: Container) throws {
        let template: Template
        do {
            template = try Template(body)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .body, in: c,
                debugDescription:
                    "template error at line \(error.position.line), column \(error.position.column) of the body: \(error.message)"
            )
        }
        let known = HTTPProvider.bodyVariables
        for name in template.allVariables where !known.contains(name) {
            let hint = suggestion(for: name, among: known).map { "did you mean '\($0)'? " } ?? ""
            throw DecodingError.dataCorruptedError(
                forKey: .body, in: c,
                debugDescription:
                    "the body uses '\(name)', which is not defined; \(hint)(available: \(known.joined(separator: ", ")))"
            )
        }
    }

    /// exec: a command, and an output form when one is given.
    func checkExec(_ c: Container) throws {
        guard let command else {
            throw Self.missing(
                c, "provider type 'exec' needs 'command', the program to run (e.g. ./bin/answer)")
        }
        if command.isEmpty {
            throw DecodingError.dataCorruptedError(
                forKey: .command, in: c, debugDescription: "command must not be empty")
        }
        if let output { try Self.checkPath(output, at: .output, c, exec: true) }
    }

    /// A JSON path (with `exec`, an exec output form: `text`, `json` or a path), the error at
    /// `key`.
    private static func checkPath(
        _ text: String, at key: CodingKeys, _ c: Container, exec: Bool = false
    ) throws {
        do {
            _ = exec ? try ExecOutput(text) : .json(try JSONPath(text))
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "\(key.stringValue): \(error.description)")
        }
    }

    /// Why `text` is not a URL the providers can call (nil when it is), with the fix: the
    /// URL with `http://` or `https://` in front, or in place of another scheme.
    static func httpURLProblem(_ text: String, key: String) -> String? {
        if isHTTPURL(text) { return nil }
        let head = "\(key) must start with http:// or https://, got '\(text)'"
        let lower = text.lowercased()
        if lower == "http://" || lower == "https://" {
            return "\(head); add the host, e.g. \(text)127.0.0.1:8080/v1"
        }
        guard let range = text.range(of: "://") else {
            let rest = text.drop(while: { $0 == "/" })
            guard !rest.isEmpty else { return "\(head), e.g. https://api.example.com/v1" }
            let host = rest.prefix(while: { $0 != ":" && $0 != "/" }).lowercased()
            let local = host == "localhost" || host.hasPrefix("127.") || host == "0.0.0.0"
            return "\(head); did you mean '\(local ? "http" : "https")://\(rest)'?"
        }
        let scheme = text[..<range.lowerBound]
        let rest = text[range.upperBound...]
        return
            "\(head); providers are called over HTTP, not \(scheme): use 'https://\(rest)' or 'http://\(rest)'"
    }

    /// `env:`: a list of environment variable names (letters, digits, `_`; not starting
    /// with a digit), each error at its item.
    static func decodeEnv(_ c: Container) throws -> [String] {
        guard c.contains(.env) else { return [] }
        var list = try c.nestedUnkeyedContainer(forKey: .env)
        var names: [String] = []
        while !list.isAtEnd {
            let index = list.currentIndex
            let name = try list.decode(String.self)
            guard ChildEnvironment.isVariableName(name) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: c.codingPath + [CodingKeys.env, ListIndex(index)],
                        debugDescription:
                            "'\(name)' is not an environment variable name (letters, digits and _, not starting with a digit); env lists the names of the variables the command gets, never their values"
                    ))
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// A position in a list, for an error's coding path.
    struct ListIndex: CodingKey {
        var intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(_ index: Int) { intValue = index }
        init?(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("http://") && lower.count > 7)
            || (lower.hasPrefix("https://") && lower.count > 8)
    }

    /// RFC 9110 token characters.
    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                        || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0))
            }
    }
}
