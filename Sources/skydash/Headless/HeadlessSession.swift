import Dashboard
import Foundation
import NIOCore
import NIOPosix
import Journal
import Session
import WebSocketClient

/// `connect --headless`: one line per event on stdout, in order, each journalled before it is
/// printed. stdout is written by its own thread: a reader that pauses (`| less`) never stalls the
/// socket; lines wait in memory up to `LineWriter.defaultMaxQueuedBytes`, then are counted and
/// reported in one `error` line (they are in the journal). EPIPE (`| head`) closes the session.
final class HeadlessSession: @unchecked Sendable {
    let configuration: ClientConfiguration
    let formatter: EventLineFormatter
    let sendStdin: Bool
    private let journal: JournalWriter?
    private let journalWarning: String?
    private let catchUp: CatchUp?
    private let group: MultiThreadedEventLoopGroup
    private let lock = NSLock()
    private var signalled = false

    init(configuration: ClientConfiguration, format: EventLineFormat, sendStdin: Bool, journal: JournalWriter?, journalWarning: String?,
         catchUp: CatchUp?, group: MultiThreadedEventLoopGroup) {
        self.catchUp = catchUp
        self.group = group
        self.configuration = configuration
        self.formatter = EventLineFormatter(format: format)
        self.sendStdin = sendStdin
        self.journal = journal
        self.journalWarning = journalWarning
    }

    func run() -> Int32 {
        let formatter = self.formatter
        let kept = journal != nil
        let sessionBox = SessionBox()
        let out = LineWriter.queued(
            overflowNotice: { n in
                let fate = kept ? "they are in the journal" : "they are lost (no journal)"
                return formatter.line(TimedEvent(at: Date(), event: .error("\(n) events were not printed: stdout did not keep up; \(fate)")))
            },
            onBrokenPipe: { sessionBox.session?.close() })
        // One slice of events, one lock and one wake-up of the stdout thread; each message's text
        // was escaped once, for the journal record and this line.
        let session = LiveSession(configuration: configuration, loop: group.next(), journal: journal, catchUp: catchUp,
                                  escapesTexts: formatter.format == .jsonl) { d in
            var errors = false
            out.writeLines { line in
                d.forEachShown { timed, text in
                    line { formatter.appendLine(timed, escapedText: text, to: &$0) }
                    if case .error = timed.event { errors = true }
                }
            }
            if errors {
                d.forEachShown { timed, _ in
                    if case .error(let message) = timed.event { StandardError.line(message) }
                }
            }
        }
        sessionBox.session = session
        if let journalWarning { session.warn(journalWarning) }
        if let error = session.start() {
            session.finish()
            out.drain(timeout: 1)
            StandardError.line("\(error)")
            return ExitCodes.badInput
        }
        let trap = SignalTrap(signals: [SIGINT, SIGTERM, SIGHUP]) { [self] _ in
            lock.withLock { signalled = true }
            session.close()
        }
        if sendStdin {
            Thread.detachNewThread { Self.pumpStdin(into: session) }
        }
        try? session.stopped?.wait()
        _ = trap
        // After a signal, exit within 2 s whatever stdout does (what is not printed is journalled).
        let bounded = lock.withLock { signalled }
        session.finish(drainTimeout: bounded ? 0.5 : 30)
        out.drain(timeout: bounded ? 1 : nil)
        if let failure = session.failure {
            StandardError.line(failure)
            return ExitCodes.connectionFailed
        }
        return ExitCodes.ok
    }

    /// Sends each stdin line once the connection is open (waiting through reconnects); EOF closes.
    private static func pumpStdin(into session: LiveSession) {
        while let line = readLine(strippingNewline: true) {
            // The backend closes the session (1009) on a longer text: refuse it, go on with the next.
            let bytes = line.utf8.count
            if bytes > maxOutgoingTextBytes {
                session.warn(outgoingTextRefusal(bytes: bytes))
                continue
            }
            var sent = false
            while !sent {
                guard session.gate.waitUntilOpen(), let future = session.send(text: line) else { return }
                do {
                    try future.wait()
                    sent = true
                } catch {
                    // Closed between the gate and the send: wait for the next open.
                    session.gate.set(open: false)
                }
            }
        }
        session.close()
    }
}

private final class SessionBox: @unchecked Sendable {
    var session: LiveSession?
}
