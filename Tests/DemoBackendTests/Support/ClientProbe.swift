import Foundation
import NIOCore
import NIOPosix
import WebSocketClient

/// Our own `WebSocketClient`, run in-process as the merchant's side.
final class ClientProbe: @unchecked Sendable {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let client: WebSocketClient
    let events = Recorder<ClientEvent>()

    init(port: Int, path: String = "/ws/abc", configure: (inout ClientConfiguration) -> Void = { _ in }) throws {
        var config = ClientConfiguration(url: try WebSocketURL(parsing: "ws://127.0.0.1:\(port)\(path)"))
        config.reconnects = false
        config.connectTimeout = 2
        config.closeTimeout = 1
        configure(&config)
        let events = self.events
        client = try WebSocketClient(configuration: config, eventLoop: Self.group.next()) { events.record($0) }
        client.start()
    }

    @discardableResult
    func waitOpen() -> Bool { events.waitFor { if case .open = $0 { true } else { false } } != nil }

    @discardableResult
    func waitText(_ predicate: @escaping (String) -> Bool) -> String? {
        if case .text(let t)? = events.waitFor({ if case .text(let t) = $0 { predicate(t) } else { false } }) { return t }
        return nil
    }

    var texts: [String] { events.values.compactMap { if case .text(let t) = $0 { t } else { nil } } }

    func waitClosed() -> (code: UInt16, reason: String, by: CloseInitiator)? {
        if case .closed(let c, let r, let b)? = events.waitFor({ if case .closed = $0 { true } else { false } }) { return (c, r, b) }
        return nil
    }

    func waitFailed() -> String? {
        if case .failed(let r)? = events.waitFor({ if case .failed = $0 { true } else { false } }) { return r }
        return nil
    }

    func shutdown() {
        client.close()
        _ = try? client.stopped.wait()
    }
}
