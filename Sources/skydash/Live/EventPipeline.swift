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
        indirect case session(SessionEvent, show: Bool)   // rare: a boxed payload keeps the queue's items small
    }

    private let condition = NSCondition()
    /// An event and when it was queued (a struct, not a tuple: arrays of it are handled by
    /// specialised code, not the runtime's generic tuple witnesses).
    private struct Queued {
        let at: Date
        let item: Item
    }

    private var queue: [Queued] = []
    private var finishing = false
    private var done = false
    private let journal: JournalWriter?
    private let sink: @Sendable (Delivery) -> Void
    private let escapesTexts: Bool

    /// What the sink gets: a slice of events in order, journalled, each with whether it is shown
    /// and (when asked for, or with a journal) its received text JSON-escaped, once for both.
    struct Delivery {
        var events: [TimedEvent] = []
        var shown: [Bool] = []
        var texts = EscapedTexts()

        /// Empties it, keeping its buffers.
        mutating func removeAll() {
            events.removeAll(keepingCapacity: true)
            shown.removeAll(keepingCapacity: true)
            texts.removeAll()
        }

        /// The shown events in order, each with its escaped text (nil: none, or not escaped).
        func forEachShown(_ body: (TimedEvent, ArraySlice<UInt8>?) -> Void) {
            events.withUnsafeBufferPointer { events in   // each event lent to `body`, not copied
                for k in events.indices where shown[k] { body(events[k], texts[k]) }
            }
        }
    }
    /// The journal is synced at least this often while events arrive (appends sync ≤ 1/s already;
    /// this covers the tail of a quiet spell).
    private let syncInterval: TimeInterval = 1
    /// At most this many records go to the journal in one write.
    private static let groupCommitRecords = 1024
    /// A batch buffer larger than this many events is freed rather than kept for reuse.
    private static let keptQueueCapacity = 16_384
    /// The slice being processed; its buffers are reused from one slice to the next.
    private var delivery = Delivery()

    /// `escapesTexts`: escape each message's text for the sink even without a journal (jsonl output).
    init(journal: JournalWriter?, escapesTexts: Bool = false, sink: @escaping @Sendable (Delivery) -> Void) {
        self.journal = journal
        self.escapesTexts = escapesTexts || journal != nil
        self.sink = sink
        let thread = Thread { [self] in run() }
        thread.name = "skydash.pipeline"
        thread.start()
    }

    /// Client events, from the client's event loop, as it reports them (the messages of one socket
    /// read together): stamped now with one instant, queued with one lock and one wake-up of the
    /// pipeline thread; never blocks on I/O.
    func submit(_ events: [ClientEvent]) {
        condition.lock()
        let now = Date()
        for event in events { queue.append(Queued(at: now, item: .client(event))) }
        condition.signal()
        condition.unlock()
    }

    /// An event made by the program itself: a warning, or (`show: false`) a record for the
    /// journal alone.
    func submit(_ event: SessionEvent, show: Bool = true) {
        enqueue(.session(event, show: show))
    }

    private func enqueue(_ item: Item) {
        condition.lock()
        queue.append(Queued(at: Date(), item: item))
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
        // The queue and this batch swap buffers: the event loop appends into the one emptied
        // last time (no reallocation while it is large enough), this thread works on the other.
        var batch: [Queued] = []
        while true {
            condition.lock()
            while queue.isEmpty && !finishing {
                if !condition.wait(until: lastSync.addingTimeInterval(syncInterval)) { break }
            }
            swap(&batch, &queue)
            let over = finishing && batch.isEmpty
            condition.unlock()

            var start = 0
            while start < batch.count {   // slices bound the journal's group-commit buffer
                let end = min(batch.count, start + Self.groupCommitRecords)
                process(batch[start..<end])
                start = end
            }
            batch.removeAll(keepingCapacity: batch.capacity <= Self.keptQueueCapacity)
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

    /// Decodes a slice of the batch, escapes each message's text once, journals the slice with one
    /// group commit, then hands it to the sink: every event is journalled before the sink sees it.
    private func process(_ items: ArraySlice<Queued>) {
        var d = Delivery()
        swap(&d, &delivery)   // a local while in use: no exclusivity checks per access
        defer { delivery = d }
        d.removeAll()
        for queued in items {
            let event: SessionEvent, show: Bool
            switch queued.item {
            case .client(let e): (event, show) = (SessionEvent(e), true)   // decoding happens here, off the event loop
            case .session(let e, let s): (event, show) = (e, s)
            }
            if escapesTexts { d.texts.add(event) } else { d.texts.addNone() }
            d.events.append(TimedEvent(at: queued.at, event: event))
            d.shown.append(show)
        }
        let failure = journal?.append(contentsOf: d.events, escapedTexts: d.texts)
        let last = d.events.last?.at
        sink(d)
        if let failure, let at = last {
            var e = Delivery()
            e.events = [TimedEvent(at: at, event: .error(Self.warning(failure)))]
            e.shown = [true]
            e.texts.addNone()
            sink(e)
        }
    }

    static func warning(_ error: JournalError) -> String {
        "\(error.description); messages are not being saved"
    }
}
