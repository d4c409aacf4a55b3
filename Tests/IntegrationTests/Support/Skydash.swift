import Foundation

/// The built `skydash` binary as a child process.
enum Skydash {
    /// Starts `skydash ARGS…`; its stdout lines are collected, its stdin is a pipe.
    static func start(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(executable: Paths.skydash, arguments: arguments)
    }

    /// Runs `skydash ARGS…` to the end (killed after `timeout`, then `status` is nil).
    static func run(_ arguments: [String], timeout: Double = 10) throws -> Finished {
        let child = try start(arguments)
        child.closeStdin()
        let status = child.waitExit(timeout: timeout)
        return Finished(status: status, stdout: child.lines, stderr: child.stderrLines)
    }

    struct Finished {
        var status: Int32?
        var stdout: [String]
        /// Non-empty stderr lines.
        var stderr: [String]

        var jsonLines: [[String: Any]] { ChildProcess.jsonObjects(stdout) }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The `event` field of a peer's or skydash's JSON line.
    var event: String? { self["event"] as? String }
}
