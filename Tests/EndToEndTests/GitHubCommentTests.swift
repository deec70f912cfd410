import Foundation
import TestKit
import Testing

/// `promptgate github comment` against a fake GitHub API on 127.0.0.1 (a Python process):
/// one sticky comment per pull request, created once and then updated in place; GitHub's
/// refusals are clear errors with the documented exit status; the token is never printed.
@Suite struct GitHubCommentTests {
    static let token = "ghs_FAKEtoken0123456789abcdefSECRET"

    private func comment(
        _ server: FakeGitHubServer, body: String, pr: Int = 7, repo: String = "acme/bot",
        token: String = GitHubCommentTests.token, extra: [String] = []
    ) async throws -> CLIProcess.Result {
        let project = try TempProject(files: ["gate.md": body])
        let result = try await CLIProcess.run(
            ["github", "comment", "--repo", repo, "--pr", String(pr), "--body-file", "gate.md"]
                + extra,
            in: project.root,
            environment: ["GITHUB_TOKEN": token, "GITHUB_API_URL": server.apiURL])
        if !token.isEmpty {
            #expect(!(result.stdout + result.stderr).contains(token), "the token was printed")
        }
        return result
    }

    private func comments(_ server: FakeGitHubServer) async throws -> [[String: Any]] {
        let state = try await server.state()
        let all = (state["comments"] as? [String: [String: Any]]) ?? [:]
        return all.values.sorted { ($0["id"] as? Int ?? 0) < ($1["id"] as? Int ?? 0) }
    }

    @Test func theFirstCallCreatesAndTheNextUpdatesTheSameComment() async throws {
        let server = try await FakeGitHubServer.start(seed: 130)  // two pages of others first
        defer { server.stop() }
        let first = try await comment(server, body: "## Gate: pass\n\nfirst push\n")
        #expect(first.status == 0, "\(first.stderr)")
        let id = try #require(
            first.stdout.firstMatch(of: /created comment (\d+) on acme\/bot#7/)?.1)
        let second = try await comment(server, body: "## Gate: blocked\n\nsecond push\n")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("updated comment \(id) on acme/bot#7"), "\(second.stdout)")
        let third = try await comment(server, body: "## Gate: pass\n\nthird push\n")
        #expect(third.stdout.contains("updated comment \(id) "))

        let all = try await comments(server)
        let ours = all.filter { ($0["body"] as? String)?.contains("promptgate:sticky") == true }
        #expect(all.count == 131, "one comment of ours among the 130 others")
        #expect(ours.count == 1)
        #expect(String(describing: ours.first?["id"] ?? "") == String(id))
        #expect((ours.first?["body"] as? String)?.hasSuffix("third push\n") == true)
        // The token went in the Authorization header and nowhere else.
        let state = try await server.state()
        for request in (state["requests"] as? [[String: Any]]) ?? [] {
            let headers = request["headers"] as? [String: String] ?? [:]
            #expect(headers["Authorization"] == "Bearer \(Self.token)")
            #expect(!(request["path"] as? String ?? "").contains(Self.token))
            #expect(!(request["body"] as? String ?? "").contains(Self.token))
        }
    }

    @Test func separateKeysKeepSeparateComments() async throws {
        let server = try await FakeGitHubServer.start()
        defer { server.stop() }
        _ = try await comment(server, body: "support\n", extra: ["--key", "support"])
        _ = try await comment(server, body: "billing\n", extra: ["--key", "billing"])
        let again = try await comment(server, body: "support 2\n", extra: ["--key", "support"])
        #expect(again.stdout.contains("updated comment"))
        #expect(try await comments(server).count == 2)
    }

    @Test func forbiddenIsAClearUsageError() async throws {
        let server = try await FakeGitHubServer.start()
        defer { server.stop() }
        let result = try await comment(server, body: "x\n", token: "ghs_forbidden_0123456789")
        #expect(result.status == 2)
        #expect(result.stderr.contains("GitHub answered 403"), "\(result.stderr)")
        #expect(result.stderr.contains("Resource not accessible by integration"))
        #expect(result.stderr.contains("pull-requests: write"))
    }

    @Test func aRateLimitIsAnInfrastructureFailure() async throws {
        let server = try await FakeGitHubServer.start()
        defer { server.stop() }
        let result = try await comment(server, body: "x\n", token: "ghs_ratelimited_0123456789")
        #expect(result.status == 3)
        #expect(result.stderr.contains("rate limited until 1767225600"), "\(result.stderr)")
    }

    @Test func notFoundNamesRepoAndPR() async throws {
        let server = try await FakeGitHubServer.start()
        defer { server.stop() }
        let result = try await comment(server, body: "x\n", repo: "acme/missing")
        #expect(result.status == 2)
        #expect(result.stderr.contains("GitHub answered 404"))
        #expect(result.stderr.contains("Check --repo OWNER/NAME and --pr N"))
    }

    @Test func a422QuotesGitHubsReason() async throws {
        let server = try await FakeGitHubServer.start()
        defer { server.stop() }
        let result = try await comment(server, body: "REFUSE-ME\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("GitHub answered 422"), "\(result.stderr)")
        #expect(result.stderr.contains("Validation Failed; body contains content GitHub refused"))
        #expect(try await comments(server).isEmpty)
    }

    /// The fake refuses bodies over 65,536 characters with 422, as GitHub does: the client
    /// cuts long reports at a line first, with a note.
    @Test func aLongReportIsCutToFit() async throws {
        let server = try await FakeGitHubServer.start()
        defer { server.stop() }
        let huge = String(repeating: "row of a very long report\n", count: 4000)  // 104,000
        let cut = try await comment(server, body: huge)
        #expect(cut.status == 0, "bodies are cut to fit: \(cut.stderr)")
        let body = try #require(try await comments(server).first?["body"] as? String)
        #expect(body.count <= 65_536)
        #expect(body.contains("cut to fit GitHub's comment limit"))
    }

    @Test func badArgumentsAndAMissingTokenAreUsageErrors() async throws {
        let server = try await FakeGitHubServer.start()
        defer { server.stop() }
        let noToken = try await comment(server, body: "x\n", token: "")
        #expect(noToken.status == 2)
        #expect(noToken.stderr.contains("GITHUB_TOKEN is not set"))
        let badRepo = try await comment(server, body: "x\n", repo: "acme")
        #expect(badRepo.status == 2)
        #expect(badRepo.stderr.contains("--repo takes OWNER/NAME, got 'acme'"))
        let expired = try await comment(server, body: "x\n", token: "ghs_expired_0123456789")
        #expect(expired.status == 2)
        #expect(expired.stderr.contains("Bad credentials"))
        #expect(try await comments(server).isEmpty)
    }
}
