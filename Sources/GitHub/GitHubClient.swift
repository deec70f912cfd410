import Basics
import HTTPClient
import JSON

/// The few REST calls promptgate makes to GitHub (through libcurl, like the providers):
/// list a pull request's comments, create one, update one. The token goes in one header
/// and nowhere else: errors quote GitHub's message, never the request.
public final class GitHubClient: Sendable {
    /// `GITHUB_API_URL` as Actions sets it, without a trailing slash.
    public let apiRoot: String
    private let token: String
    private let http: CurlClient

    /// Pages of 100 comments read at most while looking for the sticky one (10,000 comments).
    static let maxPages = 100

    public init(apiRoot: String = "https://api.github.com", token: String) {
        var root = apiRoot
        while root.hasSuffix("/") { root.removeLast() }
        self.apiRoot = root
        self.token = token
        self.http = CurlClient(maxConnections: 4)
    }

    deinit { http.shutdown() }

    /// The outcome of ``upsert(_:markdown:repo:pr:)``.
    public struct Posted: Sendable, Hashable {
        public var id: Int64
        public var url: String
        public var created: Bool
    }

    /// Creates the sticky comment on pull request `pr` of `repo` (`OWNER/NAME`), or updates
    /// it when an earlier call made it: one comment per pull request, whatever the pushes.
    public func upsert(_ sticky: StickyComment, markdown: String, repo: String, pr: Int)
        async throws(PromptGateError) -> Posted
    {
        let body = sticky.body(markdown)
        let payload = Array(("{\"body\":" + JSONText.string(body) + "}").utf8)
        if let existing = try await find(sticky, repo: repo, pr: pr) {
            let reply = try await call(
                "PATCH", "/repos/\(repo)/issues/comments/\(existing)", body: payload,
                doing: "update comment \(existing) on \(repo)#\(pr)")
            return try posted(reply, created: false)
        }
        let reply = try await call(
            "POST", "/repos/\(repo)/issues/\(pr)/comments", body: payload,
            doing: "comment on \(repo)#\(pr)")
        return try posted(reply, created: true)
    }

    /// The id of the sticky comment, reading the comments a page at a time.
    func find(_ sticky: StickyComment, repo: String, pr: Int) async throws(PromptGateError)
        -> Int64?
    {
        for page in 1...Self.maxPages {
            let reply = try await call(
                "GET", "/repos/\(repo)/issues/\(pr)/comments?per_page=100&page=\(page)", body: nil,
                doing: "read the comments of \(repo)#\(pr)")
            guard case .array(let comments) = reply else {
                throw .infrastructure(
                    "GitHub: the comments of \(repo)#\(pr) are not a JSON list")
            }
            for comment in comments {
                if case .string(let text)? = comment.member("body"), sticky.matches(text),
                    let id = comment.member("id")?.int64
                {
                    return id
                }
            }
            if comments.count < 100 { return nil }
        }
        return nil
    }

    private func posted(_ reply: JSONValue, created: Bool) throws(PromptGateError) -> Posted {
        guard let id = reply.member("id")?.int64 else {
            throw .infrastructure("GitHub answered without a comment id")
        }
        var url = ""
        if case .string(let text)? = reply.member("html_url") { url = text }
        return Posted(id: id, url: url, created: created)
    }

    private func call(_ method: String, _ path: String, body: [UInt8]?, doing action: String)
        async throws(PromptGateError) -> JSONValue
    {
        var headers = [
            HTTPHeader(name: "Accept", value: "application/vnd.github+json"),
            HTTPHeader(name: "Authorization", value: "Bearer \(token)"),
            HTTPHeader(name: "X-GitHub-Api-Version", value: "2022-11-28"),
            HTTPHeader(name: "User-Agent", value: "promptgate"),
        ]
        if body != nil {
            headers.append(HTTPHeader(name: "Content-Type", value: "application/json"))
        }
        let request = HTTPRequest(
            url: apiRoot + path, method: method, headers: headers, body: body, timeout: 30)
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch {
            throw .infrastructure(
                "GitHub: cannot \(action) at \(apiRoot): \(error); check GITHUB_API_URL and the network"
            )
        }
        guard (200..<300).contains(response.status) else {
            throw GitHubFailure(response: response, action: action).error
        }
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw .infrastructure("GitHub: the reply to '\(action)' is not JSON (\(error))")
        }
    }
}

extension JSONValue {
    func member(_ key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var int64: Int64? {
        switch self {
        case .integer(let value): value
        case .number(let value) where value == value.rounded() && abs(value) < 9e15: Int64(value)
        default: nil
        }
    }
}
