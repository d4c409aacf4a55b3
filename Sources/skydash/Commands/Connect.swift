import AdminAPI
import ArgumentParser
import Foundation
import Journal
import NIOCore
import NIOPosix
import Notifications
import Redaction
import Session
import WebSocketClient

struct Connect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Connect to a backend: the dashboard, or event lines with --headless.")

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "No dashboard: print one line per event on stdout.")
    var headless = false

    @Option(help: "Headless line format: jsonl or text.")
    var format: EventLineFormat = .jsonl

    @Flag(help: "Headless: send each stdin line as a text message; EOF closes with 1000.")
    var stdin = false

    @OptionGroup var dashboard: DashboardOptions

    @OptionGroup(title: "Admin API (the dashboard's orders)") var admin: DashboardAPIOptions

    @OptionGroup var journalOptions: JournalOptions

    func validate() throws {
        if stdin && !headless { throw ValidationError("--stdin needs --headless") }
    }

    func run() throws {
        let theme = headless ? nil : try dashboard.loadTheme()
        let config: ClientConfiguration
        do {
            config = try connection.makeConfiguration()
        } catch let e as UserFacingError {
            StandardError.line(e.message)
            throw ExitCode(e.exitCode)
        }
        let (journal, journalWarning) = journalOptions.makeWriter()
        defer { try? journal?.close() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let (client, noClient): (AdminClient?, String?)
        do {
            (client, noClient) = try admin.makeClient(connection: connection, group: group, mayAsk: !headless)
        } catch let e as UserFacingError {
            StandardError.line(e.message)
            throw ExitCode(e.exitCode)
        }
        defer { if let client { AdminSession.waitFor { await client.shutdown() } } }
        let catchUp = client.map { CatchUp(client: $0, interval: admin.reconcile, deafAfter: admin.deafAfter) }
        guard headless else {
            let source = LiveSource(configuration: config, loop: group.next(), journal: journal, warning: journalWarning,
                                    catchUp: catchUp)
            let code = DashboardRunner.run(source: source, url: URLRedaction.redact(config.url.description), options: dashboard, theme: theme!,
                                           backend: client.map { AdminOrderBackend(client: $0) }, noBackendReason: noClient)
            throw ExitCode(code)
        }
        let session = HeadlessSession(configuration: config, format: format, sendStdin: stdin, journal: journal,
                                      journalWarning: journalWarning, catchUp: catchUp, group: group)
        let code = session.run()
        throw ExitCode(code)
    }
}

extension EventLineFormat: ExpressibleByArgument {}
