import Basics
import Foundation
import GitHub
import Providers

/// `promptgate github comment`: the one sticky pull-request comment, created once and
/// updated on every later push.
enum GitHubCommand {
    static let definition = CommandDefinition(
        name: "github",
        abstract: "Post the report as one pull-request comment, updated on every push.",
        forms: [
            UsageForm(
                "comment",
                options: [
                    OptionSpec(
                        "--repo", value: "OWNER/NAME",
                        help: "The repository (default: $GITHUB_REPOSITORY)."),
                    OptionSpec("--pr", value: "N", help: "The pull request's number."),
                    OptionSpec(
                        "--body-file", value: "FILE",
                        help: "The Markdown to post (e.g. gate --format markdown's output)."),
                    OptionSpec(
                        "--key", value: "NAME",
                        help: "Which sticky comment, when one PR has several (default: gate)."),
                ])
        ],
        discussion: """
            The token comes from GITHUB_TOKEN and the API root from GITHUB_API_URL (default \
            https://api.github.com), as GitHub Actions sets them; the workflow needs \
            'permissions: pull-requests: write'. The comment starts with a hidden marker \
            (<!-- promptgate:sticky-comment:KEY -->): the first call creates it, later calls \
            find it and update the same comment, so a pull request gets one comment, not one \
            per push. Bodies over GitHub's 65,536-character limit are cut at a line with a \
            note. The token is never printed. Exit 2 for a missing token, a bad --repo or \
            --pr, or GitHub's 401/403/404/422; exit 3 for rate limits and network failures.
            """,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let args = context.arguments
        guard args.positionals == ["comment"] else {
            throw PromptGateError.usage(
                "github takes one action, comment",
                hint:
                    "usage: promptgate github comment --repo OWNER/NAME --pr N --body-file FILE")
        }
        guard let token = context.environment["GITHUB_TOKEN"], !token.isEmpty else {
            throw PromptGateError.usage(
                "GITHUB_TOKEN is not set",
                hint:
                    "In a workflow: env: { GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} } with permissions: pull-requests: write."
            )
        }
        context.console.protect(SecretRedactor(values: [token]))
        let repo = args.value("--repo") ?? context.environment["GITHUB_REPOSITORY"] ?? ""
        let parts = repo.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && Self.isNamePart($0) }) else {
            throw PromptGateError.usage(
                repo.isEmpty
                    ? "github comment needs --repo OWNER/NAME (or GITHUB_REPOSITORY)"
                    : "--repo takes OWNER/NAME, got '\(repo)'",
                hint: "e.g. --repo acme/support-bot")
        }
        guard let text = args.value("--pr"), let pr = Int(text), pr > 0 else {
            throw PromptGateError.usage(
                "github comment needs --pr N, the pull request's number",
                hint: "In a workflow: --pr ${{ github.event.pull_request.number }}")
        }
        guard let file = args.value("--body-file") else {
            throw PromptGateError.usage(
                "github comment needs --body-file FILE",
                hint: "e.g. promptgate gate … --format markdown --output gate.md")
        }
        let path = context.absolute(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PromptGateError.io(path: file, reason: "cannot read the comment's body")
        }
        let key = args.value("--key") ?? "gate"
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) })
        else {
            throw PromptGateError.usage(
                "--key takes letters, digits, '.', '_', '-' and '@', got '\(key)'")
        }
        let client = GitHubClient(
            apiRoot: context.environment["GITHUB_API_URL"] ?? "https://api.github.com",
            token: token)
        let posted = try await client.upsert(
            StickyComment(key: key), markdown: String(decoding: data, as: UTF8.self), repo: repo,
            pr: pr)
        let verb = posted.created ? "created" : "updated"
        let link = posted.url.isEmpty ? "" : " \(TerminalText.sanitize(posted.url))"
        context.console.out("\(verb) comment \(posted.id) on \(repo)#\(pr)\(link)\n")
        return .ok
    }

    private static func isNamePart(_ part: Substring) -> Bool {
        part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
