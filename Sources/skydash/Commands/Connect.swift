import ArgumentParser
import Foundation
import Journal
import NIOCore
import NIOPosix
import Notifications
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
        guard headless else {
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            defer { try? group.syncShutdownGracefully() }
            let source = LiveSource(configuration: config, group: group, journal: journal, warning: journalWarning)
            let code = DashboardRunner.run(source: source, url: config.url.description, options: dashboard,
                                           theme: theme!)
            throw ExitCode(code)
        }
        let session = HeadlessSession(configuration: config, format: format, sendStdin: stdin, journal: journal)
        if let journalWarning { session.warn(journalWarning) }
        let code = session.run()
        throw ExitCode(code)
    }
}

extension EventLineFormat: ExpressibleByArgument {}

/// `connect --headless`: client events → decoded session events → one flushed line each.
final class HeadlessSession: @unchecked Sendable {
    let configuration: ClientConfiguration
    let formatter: EventLineFormatter
    let sendStdin: Bool
    private let out = LineWriter()
    private let gate = OpenGate()
    private let lock = NSLock()
    private var failure: String?
    private let writer: JournalWriter?
    private var journal: SessionJournal?

    init(configuration: ClientConfiguration, format: EventLineFormat, sendStdin: Bool, journal: JournalWriter?) {
        self.configuration = configuration
        self.formatter = EventLineFormatter(format: format)
        self.sendStdin = sendStdin
        self.writer = journal
    }

    /// Journals the event (before it is shown), then prints its line.
    func emit(_ event: SessionEvent) {
        let timed = TimedEvent(at: Date(), event: event)
        let warning = journal?.record(timed)
        out.write(formatter.line(timed))
        if let warning { warn(warning) }
    }

    /// A non-fatal problem: an `error` event line and one line on stderr.
    func warn(_ message: String) {
        out.write(formatter.line(TimedEvent(at: Date(), event: .error(message))))
        StandardError.line(message)
    }

    func run() -> Int32 {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let client: WebSocketClient
        do {
            client = try WebSocketClient(configuration: configuration, eventLoop: group.next()) { [self] event in
                switch event {
                case .open: gate.set(open: true)
                case .closed, .retrying: gate.set(open: false)
                case .failed(let reason):
                    lock.withLock { failure = reason }
                default: break
                }
                emit(SessionEvent(event))
            }
        } catch {
            StandardError.line("\(error)")
            return ExitCodes.badInput
        }
        let trap = SignalTrap(signals: [SIGINT, SIGTERM, SIGHUP]) { _ in client.close(code: CloseCodes.normal) }
        journal = writer.map { SessionJournal(writer: $0, on: group.next()) }
        defer { journal?.stop() }
        client.start()
        if sendStdin {
            Thread.detachNewThread { [self] in self.pumpStdin(into: client) }
        }
        try? client.stopped.wait()
        gate.finish()
        _ = trap
        if let failure = lock.withLock({ failure }) {
            StandardError.line(failure)
            return ExitCodes.connectionFailed
        }
        return ExitCodes.ok
    }

    /// Sends each stdin line once the connection is open (waiting through reconnects); EOF closes.
    private func pumpStdin(into client: WebSocketClient) {
        while let line = readLine(strippingNewline: true) {
            var sent = false
            while !sent {
                guard gate.waitUntilOpen() else { return }
                do {
                    try client.send(text: line).wait()
                    sent = true
                } catch {
                    // Closed between the gate and the send: wait for the next open.
                    gate.set(open: false)
                }
            }
        }
        client.close(code: CloseCodes.normal)
    }
}
