import AdminAPI
import ArgumentParser
import DemoBackend
import Foundation
import NIOCore
import NIOPosix
import Redaction
import WebSocketClient

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The dashboard on a built-in stand-in backend (started on a free loopback port).",
        discussion: """
        New orders arrive at random (the first within a few seconds), reminders follow for some of them, and the 5 s ticker runs, like the real backend. Nothing is journalled unless --journal is given.
        """)

    @OptionGroup var demo: DemoOptions
    @OptionGroup var dashboard: DashboardOptions

    @Option(help: "Journal file to append to (default: no journal for the demo).")
    var journal: String?

    func run() throws {
        let theme = try dashboard.loadTheme()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let server = DemoServer(configuration: demo.configuration(port: 0), group: group)
        let port: Int
        do {
            port = try server.startFuture().wait()
        } catch {
            StandardError.line("demo: cannot start the demo backend: \(error)")
            throw ExitCode(ExitCodes.connectionFailed)
        }
        defer { try? server.stopFuture().wait() }

        var config = ClientConfiguration(url: try! WebSocketURL(parsing: "ws://127.0.0.1:\(port)/ws"))
        config.backoff = Backoff(initial: 0.5, factor: 2, cap: 5)
        let (writer, warning) = journal.map { JournalOptions.open(.file(path: $0)) } ?? (nil, nil)
        defer { try? writer?.close() }
        // The demo logs in by itself, with the stand-in's own account (and so renews its token
        // like a merchant's dashboard would: see --token-ttl).
        let api = try! AdminBaseURL(parsing: DemoServer.apiBase(port: port))
        let client = try? AdminClient(configuration: AdminAPIConfiguration(base: api),
                                      credentials: .password(username: DemoServer.login.username, password: DemoServer.login.password),
                                      eventLoopGroup: group)
        let source = LiveSource(configuration: config, loop: group.next(), journal: writer, warning: warning,
                                catchUp: client.map { CatchUp(client: $0, interval: 60) })
        let code = DashboardRunner.run(source: source, url: URLRedaction.redact(config.url.description), options: dashboard, theme: theme,
                                       backend: client.map { AdminOrderBackend(client: $0) })
        if let client { AdminSession.waitFor { await client.shutdown() } }
        throw ExitCode(code)
    }
}
