import Foundation
import Glibc

// fake-model: an OpenAI-compatible fake server; see ServerOptions.usage.

func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data("fake-model: \(message)\n".utf8))
    exit(code)
}

let options: ServerOptions
switch ServerOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed):
    options = parsed
case .failure(.help):
    print(ServerOptions.usage)
    exit(0)
case .failure(.message(let message)):
    fail("\(message)\n\(ServerOptions.usage)", code: 2)
}

let script: Script
do {
    script =
        try options.scriptPath.map { path throws(ScriptError) in try Script.load(path: path) }
        ?? Script(rules: [])
} catch {
    fail(error.description, code: 2)
}

signal(SIGPIPE, SIG_IGN)
if options.exitWithParent { ParentWatch.start() }

switch Server.listen(port: options.port) {
case .failure(let error):
    fail(error.description, code: 1)
case .success(let listener):
    // One line, written and flushed at once: test harnesses wait for it.
    FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(listener.port)\n".utf8))
    Server(router: Router(options: options, script: script), exitAfter: options.exitAfter)
        .serve(fd: listener.fd)
}
