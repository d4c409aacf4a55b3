import Foundation
import Journal
import Session
import WebSocketClient

/// The one way every live event goes, for the dashboard and headless alike:
///
///     client (event loop) ─ stamp, queue ─> pipeline thread: decode → journal → sink (front end)
///
/// The client's event loop only appends to an in-memory queue, so neither a slow disk (write,
/// fsync), a slow decode nor a slow front end (a stdout nobody reads, a frozen terminal) can keep
/// it from reading the socket. Every event is journalled before the sink sees it. A journal that
/// cannot be written becomes one `error` event and the session goes on.
final class EventPipeline: @unchecked Sendable {
    private enum Item {
        case client(ClientEvent)
        case session(SessionEvent, show: Bool)
    }

    private let condition = NSCondition()
    private var queue: [(Date, Item)] = []
    private var finishing = false
    private var done = false
    private let journal: JournalWriter?
    private let sink: @Sendable (TimedEvent) -> Void
    /// The journal is synced at least this often while events arrive (appends sync ≤ 1/s already;
    /// this covers the tail of a quiet spell).
    private let syncInterval: TimeInterval = 1

    init(journal: JournalWriter?, sink: @escaping @Sendable (TimedEvent) -> Void) {
        self.journal = journal
        self.sink = sink
        let thread = Thread { [self] in run() }
        thread.name = "skydash.pipeline"
        thread.start()
    }

    /// A client event, from the client's event loop: stamped now, queued, never blocks on I/O.
    func submit(_ event: ClientEvent) {
        enqueue(.client(event))
    }

    /// An event made by the program itself: a warning, or (`show: false`) a record for the
    /// journal alone.
    func submit(_ event: SessionEvent, show: Bool = true) {
        enqueue(.session(event, show: show))
    }

    private func enqueue(_ item: Item) {
        condition.lock()
        queue.append((Date(), item))
        condition.signal()
        condition.unlock()
    }

    /// Processes what is queued, syncs the journal, and stops the thread. Returns when done or
    /// after `timeout` seconds.
    @discardableResult
    func finish(timeout: TimeInterval = 10) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        finishing = true
        condition.broadcast()
        let deadline = Date().addingTimeInterval(timeout)
        while !done {
            if !condition.wait(until: deadline) { return done }
        }
        return true
    }

    private func run() {
        var lastSync = Date()
        while true {
            condition.lock()
            while queue.isEmpty && !finishing {
                if !condition.wait(until: lastSync.addingTimeInterval(syncInterval)) { break }
            }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            let over = finishing && batch.isEmpty
            condition.unlock()

            for (at, item) in batch { process(at: at, item) }
            if over || Date().timeIntervalSince(lastSync) >= syncInterval {
                try? journal?.flush()
                lastSync = Date()
            }
            if over { break }
        }
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    private func process(at: Date, _ item: Item) {
        let event: SessionEvent
        var show = true
        switch item {
        case .client(let e): event = SessionEvent(e)   // decoding happens here, off the event loop
        case .session(let e, let s): (event, show) = (e, s)
        }
        let timed = TimedEvent(at: at, event: event)
        let failure = journal?.append(timed)
        if show { sink(timed) }
        if let failure {
            sink(TimedEvent(at: at, event: .error(Self.warning(failure))))
        }
    }

    static func warning(_ error: JournalError) -> String {
        "\(error.description); messages are not being saved"
    }
}
