import Foundation
import TestSupport
import Testing

/// Headless output never stalls the backend: stdout is written by its own thread, so a reader
/// that pauses costs memory (up to a bound), never the socket.
@Suite struct NeverStallTests {
    /// skydash headless with its stdout on a pipe the test does not read until it chooses to.
    final class PausedReader: @unchecked Sendable {
        let process = Process()
        let readEnd: FileHandle

        init(_ arguments: [String]) throws {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw PeerError("pipe failed") }
            readEnd = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
            let writeEnd = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
            process.executableURL = Paths.skydash
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env["XDG_STATE_HOME"] = Paths.scratchState.path
            process.environment = env
            process.standardOutput = writeEnd
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try writeEnd.close()
        }

        /// Peak resident memory so far, in MiB (VmHWM).
        var peakMiB: Double? {
            guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                  let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
            return kb / 1024
        }

        private let lock = NSCondition()
        private var collected: [String] = []
        private var eof = false

        /// Starts reading stdout (the reader resumes): lines are collected until EOF.
        func resume() {
            Thread.detachNewThread { [self] in
                var pending = Data()
                while true {
                    let chunk = readEnd.availableData
                    if chunk.isEmpty { break }
                    pending.append(chunk)
                    var got: [String] = []
                    while let nl = pending.firstIndex(of: 0x0A) {
                        got.append(String(decoding: pending[pending.startIndex..<nl], as: UTF8.self))
                        pending = Data(pending[pending.index(after: nl)...])
                    }
                    lock.lock(); collected += got; lock.broadcast(); lock.unlock()
                }
                lock.lock(); eof = true; lock.broadcast(); lock.unlock()
            }
        }

        /// Waits until a collected line satisfies `predicate` or EOF, at most `timeout` seconds.
        func waitForLine(timeout: Double, _ predicate: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            lock.lock()
            defer { lock.unlock() }
            while !collected.contains(where: predicate) {
                if eof || !lock.wait(until: deadline) { return collected.contains(where: predicate) }
            }
            return true
        }

        /// The lines read so far; after EOF, all of them.
        func lines(waitingForEOF timeout: Double) -> [String] {
            let deadline = Date().addingTimeInterval(timeout)
            lock.lock()
            defer { lock.unlock() }
            while !eof && lock.wait(until: deadline) {}
            return collected
        }

        func waitExit(timeout: Double) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit(); return nil }
            return process.terminationStatus
        }
    }

    static var pauseSeconds: Double {
        ProcessInfo.processInfo.environment["SKYDASH_STALL_SECONDS"].flatMap(Double.init) ?? 60
    }

    /// The proof of issue 10: stdout not read for 60 s while the backend pushes 10,000 orders.
    @Test(.timeLimit(.minutes(4)))
    func unreadStdoutNeverStallsTheBackend() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let dir = try TempDir()
        defer { dir.remove() }
        let journal = dir.path("journal.jsonl")
        let count = 10_000
        let interval = Self.pauseSeconds * 1000 / Double(count) * 0.9
        let client = try PausedReader(["connect", "ws://127.0.0.1:\(server.port)/push?count=\(count)&interval_ms=\(interval)",
                                       "--headless", "--journal", journal, "--ping-interval", "0"])
        let done = server.child.waitForJSON(timeout: Self.pauseSeconds * 2) { $0.event == "push_done" }
        let peak = client.peakMiB
        #expect(done?["slow_sends"] as? Int == 0, "backend sends over 100 ms: \(done ?? [:])")
        #expect((done?["max_send_ms"] as? Double ?? 1e9) < 100)
        #expect((peak ?? 1e9) < 128, "peak RSS \(peak ?? -1) MiB")
        // Nobody has read stdout yet: the orders are in the journal already, in order.
        let journalled = (try? String(contentsOfFile: journal, encoding: .utf8))?.split(separator: "\n").count ?? 0
        #expect(journalled >= count)
        // The reader resumes: every order is printed, in order; then the session ends with SIGTERM.
        client.resume()
        let last = "\"orderId\":\(100_000 + count - 1),"
        #expect(client.waitForLine(timeout: 60) { $0.contains(last) })
        kill(client.process.processIdentifier, SIGTERM)
        #expect(client.waitExit(timeout: 10) == 0)
        let lines = client.lines(waitingForEOF: 5)
        let ids = ChildProcess.jsonObjects(lines).filter { $0.event == "order" }.compactMap { $0["orderId"] as? Int }
        #expect(ids == Array(100_000..<(100_000 + count)))
    }

    /// SIGTERM while stdout is blocked: the session closes with 1000 and skydash exits within 2 s.
    @Test func signalExitsWithinTwoSecondsWhateverStdoutDoes() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let client = try PausedReader(["connect", "ws://127.0.0.1:\(server.port)/push?count=3000&interval_ms=0",
                                       "--headless", "--no-journal"])
        #expect(server.child.waitForJSON(timeout: 20) { $0.event == "push_done" } != nil)
        Thread.sleep(forTimeInterval: 0.5)
        let sent = Date()
        kill(client.process.processIdentifier, SIGTERM)
        let status = client.waitExit(timeout: 5)
        let took = Date().timeIntervalSince(sent)
        client.resume()
        #expect(status == 0)
        #expect(took < 2, "exit took \(took) s")
        #expect(server.child.waitForJSON(timeout: 5) { $0.event == "closed" }?["code"] as? Int == 1000)
    }

    /// `| head -1`: the reader leaves; skydash closes the session with 1000 and ends.
    @Test func brokenPipeEndsTheProgram() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let child = try ChildProcess(executable: URL(fileURLWithPath: "/bin/bash"), arguments: [
            "-c", "timeout 15 '\(Paths.skydash.path)' connect 'ws://127.0.0.1:\(server.port)/push?count=100000&interval_ms=1' --headless --no-journal | head -3; echo \"status ${PIPESTATUS[0]}\""])
        #expect(child.waitExit(timeout: 20) == 0)
        #expect(child.lines.count == 4)
        #expect(child.lines.last == "status 0")
        #expect(server.child.waitForJSON(timeout: 5) { $0.event == "closed" }?["code"] as? Int == 1000)
    }

    /// The dashboard with its terminal output blocked (a pty nobody reads) while the backend
    /// pushes 10,000 orders: no push over 100 ms at the backend, every order journalled while the
    /// screen is still blocked, memory bounded; when the terminal is read again, it ends cleanly.
    @Test(.timeLimit(.minutes(4)))
    func blockedTerminalNeverStallsTheBackend() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let dir = try TempDir()
        defer { dir.remove() }
        let journal = dir.path("journal.jsonl")
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw PeerError("openpty failed") }
        defer { close(master) }
        let count = 10_000
        let interval = Self.pauseSeconds * 1000 / Double(count) * 0.9
        let process = Process()
        process.executableURL = Paths.skydash
        process.arguments = ["connect", "ws://127.0.0.1:\(server.port)/push?count=\(count)&interval_ms=\(interval)",
                             "--journal", journal, "--ping-interval", "0", "--no-api"]
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = Paths.scratchState.path
        env["XDG_CONFIG_HOME"] = Paths.scratchConfig.path
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        process.environment = env
        let tty = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardInput = tty
        process.standardOutput = tty
        process.standardError = tty
        try process.run()
        try tty.close()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Nobody reads the pty: once its buffer is full, every write to the terminal blocks.
        let done = server.child.waitForJSON(timeout: Self.pauseSeconds * 2) { $0.event == "push_done" }
        #expect(done?["slow_sends"] as? Int == 0, "backend sends over 100 ms: \(done ?? [:])")
        #expect((done?["max_send_ms"] as? Double ?? 1e9) < 100)
        let deadline = Date().addingTimeInterval(10)
        var journalled = 0
        repeat {
            journalled = ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").split(separator: "\n")
                .filter { $0.contains(#""text":"{\"orderId\""#) }.count
            if journalled >= count { break }
            usleep(100_000)
        } while Date() < deadline
        #expect(journalled == count, "journalled \(journalled) of \(count) while the terminal was blocked")
        let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let peakKiB = status?.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") } ?? 1e9
        #expect(peakKiB / 1024 < 128, "peak RSS \(peakKiB / 1024) MiB")
        // The terminal is read again: the dashboard catches up and quits on SIGTERM.
        let masterFD = master
        let reader = Thread {
            var buf = [UInt8](repeating: 0, count: 65536)
            while read(masterFD, &buf, buf.count) > 0 {}
        }
        reader.start()
        kill(process.processIdentifier, SIGTERM)
        let sentAt = Date()
        let exitDeadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < exitDeadline { usleep(20_000) }
        #expect(!process.isRunning, "still running \(Date().timeIntervalSince(sentAt)) s after SIGTERM")
        #expect(process.isRunning || process.terminationStatus == 0)
    }
}
