import Dashboard
import Foundation
import Journal
import NIOCore
import NIOPosix
import Session
import Terminal
import WebSocketClient

/// A live connection as a dashboard source: client events become session events, which are first
/// journalled and then posted to the UI thread.
final class LiveSource: SessionSource, @unchecked Sendable {
    private let configuration: ClientConfiguration
    private let group: MultiThreadedEventLoopGroup
    private let writer: JournalWriter?
    private var journal: SessionJournal?
    private let journalWarning: String?
    private var client: WebSocketClient?
    private let lock = NSLock()
    private var isOpen = false
    private var closedSignal: DispatchSemaphore?
    private var post: (@Sendable (TimedEvent) -> Void)?

    /// `journal` receives every event before the screen does; `warning` (a journal that cannot be
    /// written) is shown as soon as the dashboard starts.
    init(configuration: ClientConfiguration, group: MultiThreadedEventLoopGroup,
         journal: JournalWriter? = nil, warning: String? = nil) {
        self.configuration = configuration
        self.group = group
        self.writer = journal
        self.journalWarning = warning
    }

    func start(post: @escaping @Sendable (TimedEvent) -> Void) {
        self.post = post
        if let journalWarning { post(TimedEvent(at: Date(), event: .error(journalWarning))) }
        journal = writer.map { SessionJournal(writer: $0, on: group.next()) }
        do {
            let client = try WebSocketClient(configuration: configuration, eventLoop: group.next()) { [self] event in
                handle(event)
            }
            self.client = client
            client.start()
        } catch {
            deliver(.failed(reason: "\(error)"))
        }
    }

    private func handle(_ event: ClientEvent) {
        lock.withLock {
            switch event {
            case .open: isOpen = true
            case .closed, .failed:
                isOpen = false
                closedSignal?.signal()
            default: break
            }
        }
        deliver(SessionEvent(event))
    }

    private func deliver(_ event: SessionEvent) {
        let timed = TimedEvent(at: Date(), event: event)
        let warning = journal?.record(timed)
        post?(timed)
        if let warning { post?(TimedEvent(at: timed.at, event: .error(warning))) }
    }

    func perform(_ effect: Effect) {
        if case .journal(let event) = effect {
            // Order details and action outcomes: journalled, not shown again (the state has them).
            if let warning = journal?.record(TimedEvent(at: Date(), event: event)) {
                post?(TimedEvent(at: Date(), event: .error(warning)))
            }
            return
        }
        guard let client else { return }
        switch effect {
        case .sendText(let text):
            client.send(text: text).whenFailure { [self] error in
                let why = (error as? SendError).map { "\($0)" } ?? "\(error)"
                deliver(.error("not sent (\(why)): \(text)"))
            }
        case .closeSession(let code):
            client.close(code: UInt16(clamping: code))
        case .reconnect:
            client.reconnectNow()
        case .replay, .ringBell, .quit, .admin, .journal:
            break
        }
    }

    /// Closes with 1000 and waits (at most the client's close timeout + 1 s) for the close to finish.
    func shutdown() {
        defer { journal?.stop() }
        guard let client else { return }
        let waiter = DispatchSemaphore(value: 0)
        let open = lock.withLock { () -> Bool in
            closedSignal = waiter
            return isOpen
        }
        client.close(code: CloseCodes.normal)
        if open {
            _ = waiter.wait(timeout: .now() + configuration.closeTimeout + 1)
        }
    }
}
