import Foundation
import Glibc

/// Exits when the parent process dies, so a crashed test run leaves no server behind.
enum ParentWatch {
    static func start() {
        let parent = getppid()
        let thread = Thread {
            while getppid() == parent { usleep(200_000) }
            exit(0)
        }
        thread.stackSize = 64 * 1024
        thread.start()
    }
}
