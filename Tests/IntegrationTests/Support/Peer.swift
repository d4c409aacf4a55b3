import Foundation
import TestSupport

/// Where the peers and the built binary are, and the environment every child process gets.
enum Paths {
    static let peers = repositoryRoot.appendingPathComponent("Tests/peers")
    /// XDG_STATE_HOME for every child process the tests start.
    static let scratchState = FileManager.default.temporaryDirectory.appendingPathComponent("skydash-test-state")
    /// XDG_CONFIG_HOME for every child process the tests start (empty: no config file), so a
    /// developer's own ~/.config/skydash/config.toml never changes what a test sees.
    static let scratchConfig = FileManager.default.temporaryDirectory.appendingPathComponent("skydash-test-config-none")

    /// The `skydash` binary next to the test bundle (swift test builds it).
    static var skydash: URL {
        let env = ProcessInfo.processInfo.environment
        if let p = env["SKYDASH_BIN"] { return URL(fileURLWithPath: p) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("skydash")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/skydash")
    }
}

/// A child process whose stdout lines are collected (and parsed as JSON where they are JSON).
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSCondition()
    private var _lines: [String] = []
    private var _stderr = ""
    private var eof = false
    private var stderrEOF = false
    let stdinPipe = Pipe()

    init(executable: URL, arguments: [String], environment: [String: String]? = nil, currentDirectory: URL? = nil) throws {
        process.executableURL = executable
        process.arguments = arguments
        // Journals of test sessions go to a scratch directory, never to the user's ~/.local/state.
        var base = ProcessInfo.processInfo.environment
        base["XDG_STATE_HOME"] = Paths.scratchState.path
        base["XDG_CONFIG_HOME"] = Paths.scratchConfig.path
        process.environment = base.merging(environment ?? [:]) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdinPipe
        try process.run()
        Thread.detachNewThread { [self] in
            let handle = out.fileHandleForReading
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let nl = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<nl], as: UTF8.self)
                    pending = Data(pending[pending.index(after: nl)...])
                    lock.lock(); _lines.append(line); lock.broadcast(); lock.unlock()
                }
            }
            lock.lock(); eof = true; lock.broadcast(); lock.unlock()
        }
        Thread.detachNewThread { [self] in
            let data = err.fileHandleForReading.readDataToEndOfFile()
            lock.lock(); _stderr = String(decoding: data, as: UTF8.self); stderrEOF = true; lock.broadcast(); lock.unlock()
        }
    }

    var lines: [String] { lock.lock(); defer { lock.unlock() }; return _lines }
    /// Everything the process wrote to stderr; complete once `waitExit` has returned a status.
    var stderr: String { lock.lock(); defer { lock.unlock() }; return _stderr }

    /// The non-empty lines of `stderr`.
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init).filter { !$0.isEmpty } }

    var jsonLines: [[String: Any]] { Self.jsonObjects(lines) }

    /// The lines that are JSON objects, parsed.
    static func jsonObjects(_ lines: [String]) -> [[String: Any]] {
        lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Waits until a line satisfies `predicate`; returns it, or nil on timeout.
    @discardableResult
    func waitForLine(timeout: Double = 10, _ predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let l = _lines.first(where: predicate) { return l }
            if eof && !process.isRunning { return nil }
            if !lock.wait(until: min(deadline, Date().addingTimeInterval(0.2))) && Date() >= deadline { return nil }
        }
    }

    /// Waits for a JSON line whose fields match.
    @discardableResult
    func waitForJSON(timeout: Double = 10, _ predicate: ([String: Any]) -> Bool) -> [String: Any]? {
        var found: [String: Any]?
        waitForLine(timeout: timeout) { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], predicate(o) else { return false }
            found = o
            return true
        }
        return found
    }

    func count(where predicate: ([String: Any]) -> Bool) -> Int { jsonLines.filter(predicate).count }

    /// Waits until `n` JSON lines match; false on timeout.
    func waitForCount(_ n: Int, timeout: Double = 10, _ predicate: ([String: Any]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while count(where: predicate) < n {
            if Date() >= deadline { return false }
            usleep(50_000)
        }
        return true
    }

    func writeStdin(_ text: String) {
        stdinPipe.fileHandleForWriting.write(Data(text.utf8))
    }

    func closeStdin() {
        try? stdinPipe.fileHandleForWriting.close()
    }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits for the process to exit; returns its status, or nil on timeout (then kills it).
    func waitExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { stop(); return nil }
        // let the reader threads drain (stdout lines and the whole of stderr)
        lock.lock()
        let until = Date().addingTimeInterval(2)
        while !(eof && stderrEOF) && Date() < until { _ = lock.wait(until: until) }
        lock.unlock()
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A Python peer from Tests/peers that prints `PORT n` once listening.
final class PythonPeer: @unchecked Sendable {
    let child: ChildProcess
    let port: Int

    init(_ script: String, _ arguments: [String] = []) throws {
        child = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/env"),
                                 arguments: ["python3", "-u", Paths.peers.appendingPathComponent(script).path] + arguments)
        guard let line = child.waitForLine(timeout: 15, { $0.hasPrefix("PORT ") }), let p = Int(line.dropFirst(5)) else {
            let err = child.stderr
            child.stop()
            throw PeerError("\(script) did not start: \(err)")
        }
        port = p
    }

    func stop() { child.stop() }
}

struct PeerError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A free TCP port on 127.0.0.1 (bound then released).
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// A shell script from Tests/peers run to completion (make_certs.sh, nginx.sh).
enum PeerScript {
    /// Runs `bash Tests/peers/NAME ARGS…`; returns its stdout lines, or throws with its stderr if it
    /// fails or outlives `timeout`.
    @discardableResult
    static func run(_ name: String, _ arguments: [String], timeout: Double = 20) throws -> [String] {
        let child = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/env"),
                                     arguments: ["bash", "-c", closeInheritedDescriptors, name,
                                                 Paths.peers.appendingPathComponent(name).path] + arguments)
        let status = child.waitExit(timeout: timeout)
        guard status == 0 else {
            throw PeerError("\(name) \(arguments.joined(separator: " ")) exited \(status.map(String.init) ?? "by timeout"): \(child.stderr)")
        }
        return child.lines
    }

    /// Runs `bash "$@"` in a subshell whose descriptors above 2 are closed first. Foundation's
    /// `Process` on Linux learns that a child exited when a socket the child inherited is closed;
    /// a daemon the script starts (nginx) would inherit it and keep it open, so the script would
    /// look alive forever (a zombie that `waitUntilExit` waits for in vain).
    private static let closeInheritedDescriptors = #"""
        ( for fd in /proc/$BASHPID/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && { eval "exec $n>&-"; } 2>/dev/null; done; exec bash "$@" )
        """#
}
