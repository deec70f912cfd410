import Foundation

#if canImport(Glibc)
    // Big buffers (a long model output, a response body) are mapped and unmapped on their
    // own. glibc otherwise raises this threshold after the first big free, and every later
    // big buffer stays in the heap: peak memory then grows with the outputs seen.
    @_silgen_name("mallopt") func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
    let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>
    _ = mallopt(mmapThreshold, 128 * 1024)
#endif

// The entry point: `PromptGateCLI.main` parses, runs the command through the library's
// workflows and maps every error to a message and an exit status (it never exits itself).
let environment = ProcessInfo.processInfo.environment
let status = await PromptGateCLI.main(
    arguments: Array(CommandLine.arguments.dropFirst()),
    environment: environment,
    workingDirectory: FileManager.default.currentDirectoryPath,
    console: Console.standard(environment: environment))
exit(status)
