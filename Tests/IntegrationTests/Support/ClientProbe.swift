import Foundation
import NIOCore
import NIOPosix
import WebSocketClient

/// Runs a `WebSocketClient` in-process and records its events with their times.
final class ClientProbe: @unchecked Sendable {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let client: WebSocketClient
    private let lock = NSCondition()
    private var _events: [(Date, ClientEvent)] = []

    init(_ url: String, configure: (inout ClientConfiguration) -> Void = { _ in }) throws {
        var config = ClientConfiguration(url: try WebSocketURL(parsing: url))
        config.backoff = Backoff(initial: 0.1, factor: 2, cap: 1)
        config.connectTimeout = 5
        configure(&config)
        let box = WeakBox()
        client = try WebSocketClient(configuration: config, eventLoop: Self.group.next()) { event in
            box.probe?.record(event)
        }
        box.probe = self
        client.start()
    }

    private func record(_ e: ClientEvent) {
        lock.lock(); _events.append((Date(), e)); lock.broadcast(); lock.unlock()
    }

    var events: [ClientEvent] { lock.lock(); defer { lock.unlock() }; return _events.map { $0.1 } }
    var timedEvents: [(Date, ClientEvent)] { lock.lock(); defer { lock.unlock() }; return _events }

    @discardableResult
    func waitFor(timeout: Double = 10, _ predicate: (ClientEvent) -> Bool) -> ClientEvent? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let e = _events.first(where: { predicate($0.1) }) { return e.1 }
            if !lock.wait(until: deadline) { return _events.first(where: { predicate($0.1) })?.1 }
        }
    }

    func waitForCount(_ n: Int, timeout: Double = 10, _ predicate: (ClientEvent) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while _events.filter({ predicate($0.1) }).count < n {
            if !lock.wait(until: deadline) { return _events.filter({ predicate($0.1) }).count >= n }
        }
        return true
    }

    var texts: [String] { events.compactMap { if case .text(let t) = $0 { t } else { nil } } }
    var closes: [(UInt16, String, CloseInitiator)] {
        events.compactMap { if case .closed(let c, let r, let b) = $0 { (c, r, b) } else { nil } }
    }

    func shutdown() {
        client.close()
        _ = try? client.stopped.wait()
    }

    private final class WeakBox: @unchecked Sendable {
        weak var probe: ClientProbe?
    }
}

extension ClientEvent {
    var isOpen: Bool { if case .open = self { true } else { false } }
    var isClosed: Bool { if case .closed = self { true } else { false } }
    var isFailed: Bool { if case .failed = self { true } else { false } }
}
