import Basics
import Foundation
import Testing

@testable import promptgate

/// Help is generated from the option specs the parser uses: nothing parsed is left out.
@Suite struct HelpTests {
    /// The USAGE lines of a help text (up to the blank line after them).
    static func usageSection(_ help: String) -> String {
        guard let start = help.range(of: "USAGE: ") else { return "" }
        let rest = help[start.lowerBound...]
        return String(rest[..<(rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex)])
    }

    /// The words of usage lines, without the brackets, bars and ellipses around options.
    static func words(_ usage: String) -> Set<String> {
        Set(
            usage.split(whereSeparator: \.isWhitespace).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]|…"))
            })
    }

    /// The labels the OPTIONS list starts its lines with.
    static func optionsSection(_ help: String) -> [String] {
        guard let start = help.range(of: "\nOPTIONS:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").map {
            String($0.drop(while: { $0 == " " }))
        }
    }

    @Test(arguments: PromptGateCLI.commands.map(\.name))
    func everyOptionIsInUsageAndOptions(_ name: String) throws {
        let command = try PromptGateCLI.command(named: name)
        let help = command.help
        let usage = Self.words(Self.usageSection(help))
        #expect(usage.contains("promptgate") && usage.contains(name), "\(help)")
        let listed = Self.optionsSection(help)
        for option in command.options {
            #expect(usage.contains(option.name), "\(name): \(option.name) not in USAGE\n\(help)")
            #expect(
                listed.contains { $0.hasPrefix(option.label + " ") },
                "\(name): \(option.label) not in OPTIONS\n\(help)")
        }
        for option in GlobalOptions.all {
            #expect(listed.contains { $0.hasPrefix(option.label + " ") }, "\(name): \(option.name)")
        }
        // Every form's line holds its own options.
        let lines = Usage.lines(command: name, forms: command.forms, prefix: "USAGE: ")
        #expect(help.contains(lines))
    }

    @Test(arguments: FeedbackCommand.subcommands.map(\.name))
    func feedbackSubcommandUsageNamesItsOptions(_ name: String) throws {
        let sub = try #require(FeedbackCommand.subcommands.first { $0.name == name })
        #expect(sub.usage.hasPrefix("usage: promptgate feedback \(name)"), "\(sub.usage)")
        let words = Self.words(sub.usage)
        for option in sub.options {
            #expect(words.contains(option.name), "feedback \(name): \(option.name)\n\(sub.usage)")
        }
        // Its form is in `feedback --help`, with every option, and so is the OPTIONS list.
        let help = FeedbackCommand.definition.help
        var forms: [String: String] = [:]
        var head = ""
        for line in Self.usageSection(help).split(separator: "\n") {
            let text = line.dropFirst(7)
            if text.hasPrefix("promptgate ") {
                head = text.split(separator: " ").prefix(3).joined(separator: " ")
            }
            forms[head, default: ""] += text + "\n"
        }
        let form = try #require(forms["promptgate feedback \(name)"], "\(help)")
        let listed = Self.optionsSection(help)
        for option in sub.options {
            #expect(Self.words(form).contains(option.name), "\(option.name)\n\(form)")
            #expect(listed.contains { $0.hasPrefix(option.name + " ") }, "\(option.name)")
        }
    }

    @Test func compareUsageHasTheOptionsItOnceLeftOut() throws {
        let usage = Self.usageSection(CompareCommand.definition.help)
        for option in ["--no-cache", "--resume", "--max-cost USD", "--dry-run", "--suite NAME"] {
            #expect(usage.contains("[\(option)]"), "\(option)\n\(usage)")
        }
        #expect(usage.hasPrefix("USAGE: promptgate compare BASE CANDIDATE [--suite NAME]… "))
        #expect(usage.contains("[--record | --offline]"))
        #expect(!usage.contains("[--record]") && !usage.contains("[--offline]"))
    }

    @Test func requiredOptionsAreUnbracketed() {
        let run = Self.usageSection(RunCommand.definition.help)
        #expect(run.hasPrefix("USAGE: promptgate run --prompt ID@VERSION [--suite NAME]…"))
        let merge = Self.usageSection(MergeCommand.definition.help)
        #expect(merge.hasPrefix("USAGE: promptgate merge FILE… --into-store [--format"))
    }

    @Test func formsAreOneLineEach() {
        #expect(
            Self.usageSection(CacheCommand.definition.help)
                == "USAGE: promptgate cache stats\n       promptgate cache clear [--older-than AGE]"
        )
        let feedback = Self.usageSection(FeedbackCommand.definition.help)
        let heads = feedback.split(separator: "\n").filter {
            $0.hasPrefix("USAGE: promptgate ") || $0.hasPrefix("       promptgate ")
        }
        #expect(heads.count == FeedbackCommand.subcommands.count, "\(feedback)")
        // Subcommands share --format with different values: listed once, generically.
        #expect(
            Self.optionsSection(FeedbackCommand.definition.help).filter {
                $0.hasPrefix("--format ")
            }.map { $0.prefix(16) } == ["--format FORMAT "])
    }

    @Test(arguments: PromptGateCLI.commands.map(\.name))
    func usageWrapsWithinTheTerminal(_ name: String) throws {
        let usage = Self.usageSection(try PromptGateCLI.command(named: name).help)
        for line in usage.split(separator: "\n") {
            #expect(line.count <= Usage.width, "\(name): \(line)")
            #expect(line.hasPrefix("USAGE: ") || line.hasPrefix("       "), "\(name): \(line)")
        }
    }

    @Test func longFormsContinueIndented() {
        let usage = Self.usageSection(CompareCommand.definition.help)
        let lines = usage.split(separator: "\n")
        #expect(lines.count > 1)
        let indent = String(repeating: " ", count: "USAGE: promptgate compare ".count)
        for line in lines.dropFirst() {
            #expect(line.hasPrefix(indent + "["), "\(line)")
        }
    }

    @Test func helpCompareInProcessPrintsTheGeneratedUsage() async {
        for arguments in [["help", "compare"], ["compare", "--help"]] {
            let capture = CapturingConsole()
            let status = await PromptGateCLI.main(
                arguments: arguments, environment: [:], workingDirectory: NSTemporaryDirectory(),
                console: capture.console)
            #expect(status == 0, "\(arguments): \(capture.stderr)")
            #expect(capture.stderr == "")
            #expect(capture.stdout == CompareCommand.definition.help)
            #expect(capture.stdout.contains(CompareCommand.definition.usage))
            for option in ["--no-cache", "--resume", "--max-cost", "--dry-run"] {
                #expect(Self.words(Self.usageSection(capture.stdout)).contains(option))
            }
        }
    }

    @Test func feedbackHintQuotesTheSubcommandUsage() async {
        let capture = CapturingConsole()
        let status = await PromptGateCLI.main(
            arguments: ["feedback", "analyze", "--min-correction-chars", "3"], environment: [:],
            workingDirectory: NSTemporaryDirectory(), console: capture.console)
        #expect(status == 2)
        #expect(
            capture.stderr.hasPrefix(
                "error: --min-correction-chars does not apply to 'promptgate feedback analyze'\nusage: promptgate feedback analyze [--since DATE]"
            ), "\(capture.stderr)")
    }
}
