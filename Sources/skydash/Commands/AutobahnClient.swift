import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import WebSocketClient

/// The Autobahn|Testsuite echo client: runs every case of a fuzzing server against our client.
struct AutobahnClient: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autobahn",
        abstract: "Run the Autobahn|Testsuite client cases (echo agent) against a fuzzing server.",
        shouldDisplay: false)

    @Argument(help: "Base URL of the fuzzing server (default: $WSFUZZ_URL, else ws://127.0.0.1:9001).")
    var baseURL: String?

    @Option(help: "Agent name reported to the server.")
    var agent = "skydash"

    func run() throws {
        let base = baseURL ?? ProcessInfo.processInfo.environment["WSFUZZ_URL"] ?? "ws://127.0.0.1:9001"
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }

        var countText: String?
        try runOne("\(trimmed)/getCaseCount", group: group) { text, _ in countText = countText ?? text }
        guard let countText, let count = Int(countText.trimmingCharacters(in: .whitespaces)), count >= 0 else {
            StandardError.line("the fuzzing server did not send a case count")
            throw ExitCode(ExitCodes.connectionFailed)
        }
        print("autobahn: \(count) cases")
        for n in 1...max(1, count) where count > 0 {
            try runOne("\(trimmed)/runCase?case=\(n)&agent=\(agent)", group: group, echo: true) { _, _ in }
            if n % 50 == 0 || n == count { print("autobahn: ran case \(n)/\(count)") }
        }
        try runOne("\(trimmed)/updateReports?agent=\(agent)", group: group) { _, _ in }
        print("autobahn: reports updated")
    }

    /// One connection, no reconnects; returns when it has closed.
    private func runOne(_ url: String, group: EventLoopGroup, echo: Bool = false,
                        onText: @escaping (String?, [UInt8]?) -> Void) throws {
        let parsed: WebSocketURL
        do { parsed = try WebSocketURL(parsing: url) } catch {
            StandardError.line(error.description)
            throw ExitCode(ExitCodes.badInput)
        }
        var config = ClientConfiguration(url: parsed)
        config.reconnects = false
        config.pingInterval = 0
        config.maxMessageSize = 64 * 1024 * 1024
        config.closeTimeout = 2
        let box = TextBox()
        let holder = ClientHolder()
        let client = try WebSocketClient(configuration: config, eventLoop: group.next()) { event in
            switch event {
            case .text(let t):
                box.append(t)
                if echo { _ = holder.client?.send(text: t) }
            case .binary(let b):
                if echo { _ = holder.client?.send(binary: b) }
            case .failed(let reason):
                StandardError.line(reason)
            default: break
            }
        }
        holder.client = client
        client.start()
        try client.stopped.wait()
        onText(box.first, nil)
    }
}

private final class TextBox: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []
    func append(_ t: String) { lock.withLock { texts.append(t) } }
    var first: String? { lock.withLock { texts.first } }
}

private final class ClientHolder: @unchecked Sendable {
    var client: WebSocketClient?
}
