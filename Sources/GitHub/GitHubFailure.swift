import Basics
import HTTPClient
import JSON

/// A GitHub error reply turned into what the user should do. GitHub's own `message` is
/// quoted (it is untrusted text: the CLI prints errors terminal-safe); the token never is.
struct GitHubFailure {
    var response: HTTPResponse
    var action: String

    var error: PromptGateError {
        let message = gitHubMessage.map { ": \($0)" } ?? ""
        let status = "GitHub answered \(response.status) to '\(action)'\(message)"
        switch response.status {
        case 401:
            return .usage(
                status, hint: "The token in GITHUB_TOKEN is not valid (expired or revoked).")
        case 403 where isRateLimited, 429:
            return .infrastructure(
                "\(status); rate limited\(resetText). Retry later, or use the workflow's GITHUB_TOKEN (higher limits)."
            )
        case 403:
            return .usage(
                status,
                hint:
                    "The token may not write comments: give the workflow 'permissions: pull-requests: write' (a pull request from a fork gets a read-only token)."
            )
        case 404:
            return .usage(
                status,
                hint:
                    "Check --repo OWNER/NAME and --pr N; a private repository also answers 404 to a token that cannot see it."
            )
        case 422:
            return .usage(
                status, hint: "GitHub refused the comment's content; see its message above.")
        default:
            return .infrastructure(status)
        }
    }

    private var isRateLimited: Bool {
        response.header("x-ratelimit-remaining") == "0"
            || (gitHubMessage?.lowercased().contains("rate limit") ?? false)
    }

    private var resetText: String {
        if let after = response.header("retry-after") { return " for \(after) s" }
        if let reset = response.header("x-ratelimit-reset") { return " until \(reset) (Unix time)" }
        return ""
    }

    /// `message`, plus the `errors[].message` of a 422, from GitHub's JSON body.
    private var gitHubMessage: String? {
        guard let body = try? JSONParser.parse(response.body) else { return nil }
        var parts: [String] = []
        if case .string(let text)? = body.member("message") { parts.append(text) }
        if case .array(let errors)? = body.member("errors") {
            for item in errors {
                if case .string(let text)? = item.member("message") { parts.append(text) }
            }
        }
        let joined = parts.joined(separator: "; ")
        return joined.isEmpty ? nil : String(joined.prefix(500))
    }
}
