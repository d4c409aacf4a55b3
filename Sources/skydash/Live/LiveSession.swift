import Foundation
import Journal
import NIOCore
import Session
import WebSocketClient

/// A live session as both front ends use it: the WebSocket client, the event pipeline behind it
/// (decode → journal → the front end's sink, off the event loop) and the merchant's commands.
final class LiveSession: @unchecked Sendable {
    let configuration: ClientConfiguration
    private let pipeline: EventPipeline
    private let loop: any EventLoop
    private(set) var client: WebSocketClient?
    /// Open or not, for senders that wait for it (`--stdin`).
    let gate = OpenGate()
    private let lock = NSLock()
    private var isOpen = false
    private var closedSignal: DispatchSemaphore?
    private var fatal: String?

    /// `catchUp` (with the admin API) asks the backend for orders the WebSocket missed.
    /// `sink` gets each shown event, in order.
    convenience init(configuration: ClientConfiguration, loop: any EventLoop, journal: JournalWriter?, catchUp: CatchUp? = nil,
                     sink: @escaping @Sendable (TimedEvent) -> Void) {
        self.init(configuration: configuration, loop: loop, journal: journal, catchUp: catchUp, escapesTexts: false) { d in
            d.forEachShown { timed, _ in sink(timed) }
        }
    }

    /// `deliver` gets the pipeline's slices whole (the shown events, and their texts escaped once
    /// for the journal and, with `escapesTexts`, even without one), after the catch-up check has
    /// seen their events.
    init(configuration: ClientConfiguration, loop: any EventLoop, journal: JournalWriter?, catchUp: CatchUp? = nil,
         escapesTexts: Bool, deliver: @escaping @Sendable (EventPipeline.Delivery) -> Void) {
        self.configuration = configuration
        self.loop = loop
        self.pipeline = EventPipeline(journal: journal, escapesTexts: escapesTexts) { d in
            if let catchUp { d.forEachShown { timed, _ in catchUp.observe(timed) } }
            deliver(d)
        }
        catchUp?.attach(self)
    }

    /// Starts connecting. A configuration that cannot work at all (an unreadable CA file) is a
    /// `failed` event and the returned error.
    @discardableResult
    func start() -> Error? {
        do {
            let client = try WebSocketClient(configuration: configuration, eventLoop: loop, onEvents: { [self] events in
                for event in events { observe(event) }
                pipeline.submit(events)
            })
            self.client = client
            client.start()
            return nil
        } catch {
            lock.withLock { fatal = "\(error)" }
            pipeline.submit(SessionEvent.failed(reason: "\(error)"))
            return error
        }
    }

    /// On the event loop: only flags and a semaphore, nothing that waits.
    private func observe(_ event: ClientEvent) {
        switch event {
        case .text, .binary, .sent, .connecting: return   // nothing to note
        default: break
        }
        switch event {
        case .open: gate.set(open: true)
        case .closed, .retrying: gate.set(open: false)
        default: break
        }
        lock.withLock {
            switch event {
            case .open: isOpen = true
            case .closed, .failed:
                isOpen = false
                if case .failed(let reason) = event { fatal = reason }
                closedSignal?.signal()
            default: break
            }
        }
    }

    /// A non-fatal problem, shown (and journalled) like any event.
    func warn(_ message: String) {
        pipeline.submit(.error(message))
    }

    /// An event found by the program itself (an order the catch-up check found), shown and journalled.
    func report(_ event: SessionEvent) {
        pipeline.submit(event)
    }

    /// An event the front end already shows (order details, an action's outcome): journalled only.
    func journal(_ event: SessionEvent) {
        pipeline.submit(event, show: false)
    }

    /// The reason the session failed for good, if it did.
    var failure: String? { lock.withLock { fatal } }

    var stopped: EventLoopFuture<Void>? { client?.stopped }

    // MARK: the merchant's commands

    func send(text: String) -> EventLoopFuture<Void>? {
        client?.send(text: text)
    }

    func close(code: UInt16 = CloseCodes.normal) {
        client?.close(code: code)
    }

    func reconnectNow() {
        client?.reconnectNow()
    }

    /// Closes with 1000 and waits (at most the client's close timeout + 1 s) for the close to
    /// finish, then lets the pipeline write out what it holds (at most `drainTimeout` seconds).
    func shutdown(drainTimeout: TimeInterval = 10) {
        if let client {
            let waiter = DispatchSemaphore(value: 0)
            let open = lock.withLock { () -> Bool in
                closedSignal = waiter
                return isOpen
            }
            client.close(code: CloseCodes.normal)
            if open { _ = waiter.wait(timeout: .now() + configuration.closeTimeout + 1) }
        }
        finish(drainTimeout: drainTimeout)
    }

    /// Lets the pipeline process and journal everything queued; stops the session's gate.
    func finish(drainTimeout: TimeInterval = 10) {
        gate.finish()
        pipeline.finish(timeout: drainTimeout)
    }
}
