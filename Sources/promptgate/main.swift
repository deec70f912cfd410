import Foundation

// A thin layer: everything, including error reporting, lives in the library.
let environment = ProcessInfo.processInfo.environment
let status = await PromptGateCLI.main(
    arguments: Array(CommandLine.arguments.dropFirst()),
    environment: environment,
    workingDirectory: FileManager.default.currentDirectoryPath,
    console: Console.standard(environment: environment))
exit(status)
