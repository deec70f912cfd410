import Foundation

// The entry point: `PromptGateCLI.main` parses, runs the command through the library's
// workflows and maps every error to a message and an exit status (it never exits itself).
let environment = ProcessInfo.processInfo.environment
let status = await PromptGateCLI.main(
    arguments: Array(CommandLine.arguments.dropFirst()),
    environment: environment,
    workingDirectory: FileManager.default.currentDirectoryPath,
    console: Console.standard(environment: environment))
exit(status)
