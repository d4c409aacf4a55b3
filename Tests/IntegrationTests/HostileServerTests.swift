import Closing
import Foundation
import TestSupport
import Testing
import WebSocketClient

/// The client against a raw-socket server that breaks the rules on purpose.
@Suite(.serialized) struct HostileServerTests {
    /// Connects to the hostile server in `mode` and returns what the server saw the client send
    /// as its close frame, plus the client's first `closed` event.
    func closeFor(_ mode: String, configure: (inout ClientConfiguration) -> Void = { _ in })
        throws -> (serverSaw: Int?, client: (UInt16, String, CloseInitiator)?) {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/\(mode)", configure: configure)
        defer { probe.shutdown() }
        probe.waitFor { $0.isClosed }
        let frame = server.child.waitForJSON { $0["event"] as? String == "frame" && $0["opcode"] as? Int == 8 }
        #expect(frame?["masked"] as? Bool == true)
        return (frame?["code"] as? Int, probe.closes.first)
    }

    @Test(arguments: ["masked", "rsv", "opcode3", "fragping", "bigping", "contnostart", "newdatainfrag",
                      "closeonebyte", "closebadcode", "hugelen"])
    func protocolErrorsClose1002(mode: String) throws {
        let (seen, client) = try closeFor(mode)
        #expect(seen == 1002, "\(mode)")
        #expect(client?.0 == 1002 && client?.2 == .client, "\(mode): \(String(describing: client))")
    }

    @Test(arguments: ["badutf8", "badutf8frag", "closebadutf8"])
    func invalidUTF8Closes1007(mode: String) throws {
        let (seen, client) = try closeFor(mode)
        #expect(seen == 1007, "\(mode)")
        #expect(client?.0 == 1007)
    }

    @Test func oversizeFrameCloses1009() throws {
        let (seen, client) = try closeFor("oversize") { $0.maxMessageSize = 1 << 20 }
        #expect(seen == 1009)
        #expect(client?.1.contains("exceeds the limit") == true)
    }

    @Test func pingIsAnsweredWithAMaskedPong() throws {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/ping")
        defer { probe.shutdown() }
        let pong = server.child.waitForJSON { $0["event"] as? String == "frame" && $0["opcode"] as? Int == 10 }
        #expect(pong?["payload_hex"] as? String == "616263")
        #expect(pong?["masked"] as? Bool == true)
    }

    @Test(arguments: [
        ("status200", "handshake refused: HTTP 200 OK"),
        ("status503", "handshake refused: HTTP 503 Service Unavailable"),
        ("status429", "handshake refused: HTTP 429 Too Many Requests"),
    ])
    func nonUpgradeAnswersAreRetried(mode: String, reason: String) throws {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/\(mode)")
        defer { probe.shutdown() }
        #expect(probe.waitFor { if case .retrying = $0 { true } else { false } } != nil)
        #expect(probe.closes.first?.1 == reason)
        #expect(probe.closes.first?.0 == 1006)
    }

    @Test func notFoundIsFatal() throws {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/status404")
        #expect(probe.waitFor { $0.isFailed } == .failed(reason: "handshake refused: HTTP 404 Not Found"))
    }

    @Test func wrongAcceptKeyFailsTheAttempt() throws {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/badaccept")
        defer { probe.shutdown() }
        probe.waitFor { $0.isClosed }
        #expect(probe.closes.first?.1.hasPrefix("handshake invalid: Sec-WebSocket-Accept is") == true)
        #expect(!probe.events.contains { $0.isOpen })
    }

    @Test func missingUpgradeHeaderFailsTheAttempt() throws {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/noupgrade")
        defer { probe.shutdown() }
        probe.waitFor { $0.isClosed }
        #expect(probe.closes.first?.0 == 1006 && probe.closes.first?.2 == .network)
        #expect(probe.closes.first?.1 == "handshake invalid: expected Upgrade: websocket, got none")
        #expect(!probe.events.contains { $0.isOpen })
    }

    /// RFC 6455 §4.1: a subprotocol or extension the client never asked for fails the connection
    /// (no open, nothing delivered), on every header instance.
    @Test(arguments: [
        ("subprotocol", "handshake invalid: server chose subprotocol 'chat' that was not requested"),
        ("extension2", "handshake invalid: server chose extension 'permessage-deflate' that was not offered"),
    ])
    func unrequestedSubprotocolOrExtensionFailsTheAttempt(mode: String, reason: String) throws {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/\(mode)")
        defer { probe.shutdown() }
        probe.waitFor { $0.isClosed }
        #expect(probe.closes.first?.1 == reason)
        #expect(!probe.events.contains { $0.isOpen })
    }

    @Test func closeMidHandshakeIsRetried() throws {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/midhandshake")
        defer { probe.shutdown() }
        #expect(probe.waitFor { if case .retrying = $0 { true } else { false } } != nil)
        #expect(probe.closes.first?.0 == 1006 && probe.closes.first?.2 == .network)
        #expect(!probe.events.contains { $0.isOpen })
    }

    @Test func halfOpenPeerIsDetectedWithinIntervalPlusTimeout() throws {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let interval = 0.4, timeout = 0.6
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/halfopen") {
            $0.pingInterval = interval
            $0.pongTimeout = timeout
        }
        defer { probe.shutdown() }
        probe.waitFor { if case .text = $0 { true } else { false } }   // "hello", then silence
        #expect(probe.waitFor(timeout: 5) { $0.isClosed } != nil)
        let events = probe.timedEvents
        let lastHeard = events.last { if case .text = $0.1 { true } else { false } }!.0
        let closedAt = events.first { $0.1.isClosed }!.0
        let took = closedAt.timeIntervalSince(lastHeard)
        #expect(took <= interval + timeout + 0.3, "detected after \(took)s")
        #expect(took >= timeout - 0.05)
        #expect(probe.closes.first?.0 == 1006 && probe.closes.first?.2 == .network)
        #expect(probe.closes.first?.1 == "peer did not answer a ping within 0.6s")
    }
}
