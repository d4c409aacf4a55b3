import Dashboard
import Foundation
import Journal
import NIOCore
import Session
import Terminal
import WebSocketClient

/// A live connection as a dashboard source: a `LiveSession` whose events, journalled off the
/// event loop, are posted to the UI thread.
final class LiveSource: SessionSource, @unchecked Sendable {
    private let configuration: ClientConfiguration
    private let loop: any EventLoop
    private let journal: JournalWriter?
    private let journalWarning: String?
    private let catchUp: CatchUp?
    private var session: LiveSession?

    /// `journal` receives every event before the screen does; `warning` (a journal that cannot be
    /// written) is shown as soon as the dashboard starts.
    init(configuration: ClientConfiguration, loop: any EventLoop, journal: JournalWriter? = nil, warning: String? = nil,
         catchUp: CatchUp? = nil) {
        self.catchUp = catchUp
        self.configuration = configuration
        self.loop = loop
        self.journal = journal
        self.journalWarning = warning
    }

    func start(post: @escaping @Sendable (TimedEvent) -> Void) {
        let session = LiveSession(configuration: configuration, loop: loop, journal: journal, catchUp: catchUp, sink: post)
        self.session = session
        if let journalWarning { session.warn(journalWarning) }
        session.start()
    }

    func perform(_ command: SessionCommand) {
        guard let session else { return }
        switch command {
        case .send(let text):
            session.send(text: text)?.whenFailure { error in
                let why = (error as? SendError).map { "\($0)" } ?? "\(error)"
                session.warn("not sent (\(why)): \(text)")
            }
        case .close(let code):
            session.close(code: UInt16(clamping: code))
        case .reconnect:
            session.reconnectNow()
        case .journal(let event):
            // Order details and action outcomes: journalled, not shown again (the state has them).
            session.journal(event)
        case .replay:
            break
        }
    }

    /// Closes with 1000 and waits (at most the client's close timeout + 1 s) for the close to finish.
    func shutdown() {
        session?.shutdown(drainTimeout: 2)
    }
}
