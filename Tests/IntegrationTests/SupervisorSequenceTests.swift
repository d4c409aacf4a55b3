import Foundation
import TestSupport
import Testing
import WebSocketClient

/// Key sequences that once stopped the client from reconnecting, run on the real client.
@Suite(.serialized) struct SupervisorSequenceTests {
    /// `c` `y` while "retrying in N s", then `r`: the client must connect again.
    @Test func reconnectAfterClosingWhileWaiting() throws {
        let port = freePort()   // nothing listens: every attempt is refused and the client waits
        let probe = try ClientProbe("ws://127.0.0.1:\(port)/echo") { $0.backoff = Backoff(initial: 5, factor: 2, cap: 5) }
        defer { probe.shutdown() }
        #expect(probe.waitFor { if case .retrying = $0 { true } else { false } } != nil)
        probe.client.close()
        #expect(probe.waitFor { if case .closed(_, _, .client) = $0 { true } else { false } } != nil)
        let server = try PythonPeer("ws_server.py", ["--port", "\(port)"])
        defer { server.stop() }
        probe.client.reconnectNow()
        #expect(probe.waitFor(timeout: 5) { $0.isOpen } != nil, "r after c y while waiting did nothing: \(probe.events)")
    }

    /// A network drop after an `r` is retried, not taken for the merchant's close. (The sequence
    /// that once stopped reconnecting, `r` while the TCP connect is pending, cannot be timed on
    /// loopback: it is in `SupervisorTests.reconnectWhileConnectingThenCloseThenDrop`.)
    @Test func dropAfterReconnectIsRetried() throws {
        var server = try PythonPeer("ws_server.py")
        let port = server.port
        let probe = try ClientProbe("ws://127.0.0.1:\(port)/echo") { $0.backoff = Backoff(initial: 0.1, factor: 2, cap: 0.5) }
        defer { probe.shutdown() }
        #expect(probe.waitFor { $0.isOpen } != nil)
        probe.client.reconnectNow()
        #expect(probe.waitForCount(2) { $0.isOpen })
        server.stop()
        #expect(probe.waitFor { if case .retrying = $0 { true } else { false } } != nil, "\(probe.events)")
        server = try PythonPeer("ws_server.py", ["--port", "\(port)"])
        defer { server.stop() }
        #expect(probe.waitForCount(3, timeout: 5) { $0.isOpen })
    }
}
