import Closing
import Foundation
import NIOCore
import NIOPosix
import WebSocketClient

/// Our own `WebSocketClient`, run in-process as the merchant's side; records its events with their times.
public final class ClientProbe: @unchecked Sendable {
    public static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    public let client: WebSocketClient
    private let recorder = Recorder<ClientEvent>()

    /// A client of `url` that reconnects quickly (backoff 0.1 s doubling to 1 s).
    public init(_ url: String, configure: (inout ClientConfiguration) -> Void = { _ in }) throws {
        var config = ClientConfiguration(url: try WebSocketURL(parsing: url))
        config.backoff = Backoff(initial: 0.1, factor: 2, cap: 1)
        config.connectTimeout = 5
        configure(&config)
        let recorder = self.recorder
        client = try WebSocketClient(configuration: config, eventLoop: Self.group.next()) { recorder.record($0) }
        client.start()
    }

    /// One attempt at `ws://127.0.0.1:PORT/PATH` (the demo server's endpoint), no reconnects, short timeouts.
    public convenience init(port: Int, path: String = "/ws/abc", configure: (inout ClientConfiguration) -> Void = { _ in }) throws {
        try self.init("ws://127.0.0.1:\(port)\(path)") { config in
            config.reconnects = false
            config.connectTimeout = 2
            config.closeTimeout = 1
            configure(&config)
        }
    }

    public var events: [ClientEvent] { recorder.values }
    public var timedEvents: [(Date, ClientEvent)] { recorder.timedValues }

    @discardableResult
    public func waitFor(timeout: Double = 10, _ predicate: (ClientEvent) -> Bool) -> ClientEvent? {
        recorder.waitFor(timeout: timeout, predicate)
    }

    public func waitForCount(_ n: Int, timeout: Double = 10, _ predicate: (ClientEvent) -> Bool) -> Bool {
        recorder.waitForCount(n, timeout: timeout, predicate)
    }

    public var texts: [String] { events.compactMap { if case .text(let t) = $0 { t } else { nil } } }
    public var closes: [(UInt16, String, CloseInitiator)] {
        events.compactMap { if case .closed(let c, let r, let b) = $0 { (c, r, b) } else { nil } }
    }

    @discardableResult
    public func waitOpen(timeout: Double = 10) -> Bool { waitFor(timeout: timeout) { $0.isOpen } != nil }

    /// The first text matching `predicate`.
    @discardableResult
    public func waitText(timeout: Double = 10, _ predicate: @escaping (String) -> Bool) -> String? {
        if case .text(let t)? = waitFor(timeout: timeout, { if case .text(let t) = $0 { predicate(t) } else { false } }) { return t }
        return nil
    }

    public func waitClosed(timeout: Double = 10) -> (code: UInt16, reason: String, by: CloseInitiator)? {
        if case .closed(let c, let r, let b)? = waitFor(timeout: timeout, { $0.isClosed }) { return (c, r, b) }
        return nil
    }

    public func waitFailed(timeout: Double = 10) -> String? {
        if case .failed(let r)? = waitFor(timeout: timeout, { $0.isFailed }) { return r }
        return nil
    }

    public func shutdown() {
        client.close()
        _ = try? client.stopped.wait()
    }
}

extension ClientEvent {
    public var isOpen: Bool { if case .open = self { true } else { false } }
    public var isClosed: Bool { if case .closed = self { true } else { false } }
    public var isFailed: Bool { if case .failed = self { true } else { false } }
}
