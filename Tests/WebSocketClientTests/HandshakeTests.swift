import Foundation
import Testing
@testable import WebSocketClient

@Suite struct HandshakeTests {
    @Test func sha1KnownVectors() {
        func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex(SHA1.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test func acceptValueFromRFC6455() {
        #expect(Handshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func keysAreFreshSixteenBytes() {
        var rng = SystemRandomNumberGenerator()
        let keys = (0..<100).map { _ in Handshake.makeKey(using: &rng) }
        #expect(Set(keys).count == 100)
        for k in keys { #expect(Data(base64Encoded: k)?.count == 16) }
    }

    @Test func requestHeaders() throws {
        let url = try WebSocketURL(parsing: "ws://[::1]:8080/ws/x")
        let h = Handshake.requestHeaders(url: url, key: "KEY", origin: "http://shop", extraHeaders: [("token", "jwt"), ("Host", "evil"), ("X-Shop", "7")])
        let names = h.map { $0.0 }
        #expect(names == ["Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Origin", "token", "X-Shop"])
        #expect(h[0].1 == "[::1]:8080" && h[3].1 == "KEY" && h[4].1 == "13" && h[6].1 == "jwt")
    }

    let key = "dGhlIHNhbXBsZSBub25jZQ=="
    var good: [(String, String)] { [("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")] }

    @Test func acceptsAValidAnswer() {
        #expect(Handshake.validate(status: 101, reasonPhrase: "Switching Protocols", headers: good, key: key) == nil)
        let mixed = [("upgrade", "WebSocket"), ("connection", "keep-alive, Upgrade"), ("sec-websocket-accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")]
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: mixed, key: key) == nil)
    }

    @Test func refusals() {
        let r = Handshake.validate(status: 404, reasonPhrase: "Not Found", headers: [], key: key)
        #expect(r == .unexpectedStatus(code: 404, reason: "Not Found"))
        #expect(r?.description == "handshake refused: HTTP 404 Not Found")
        #expect(r?.isFatal == true)
        #expect(Handshake.validate(status: 200, reasonPhrase: "OK", headers: good, key: key)?.isFatal == false)
        #expect(HandshakeFailure.unexpectedStatus(code: 429, reason: "").isFatal == false)
        #expect(HandshakeFailure.unexpectedStatus(code: 408, reason: "").isFatal == false)
        #expect(HandshakeFailure.unexpectedStatus(code: 403, reason: "").isFatal == true)
        #expect(HandshakeFailure.unexpectedStatus(code: 503, reason: "").isFatal == false)
    }

    @Test func badAnswers() {
        var h = good; h[2].1 = "wrong="
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: h, key: key)
                == .badAccept(expected: "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", got: "wrong="))
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: Array(good.dropFirst()), key: key)
                == .missingHeader("Upgrade: websocket", got: nil))
        h = good; h[1].1 = "close"
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: h, key: key)
                == .missingHeader("Connection: Upgrade", got: "close"))
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: good + [("Sec-WebSocket-Accept", "x")], key: key) != nil)
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: good + [("Sec-WebSocket-Extensions", "permessage-deflate")], key: key)
                == .unrequestedExtension("permessage-deflate"))
    }

    /// RFC 6455 §4.1: a server that selects a subprotocol or extension the client did not ask
    /// for fails the connection; every header instance counts, not only the first.
    @Test func unrequestedSubprotocolsAndExtensionsFail() {
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: good + [("Sec-WebSocket-Protocol", "chat")], key: key)
                == .unrequestedSubprotocol("chat"))
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: good + [("Sec-WebSocket-Protocol", "chat")], key: key)?.description
                == "handshake invalid: server chose subprotocol 'chat' that was not requested")
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: good + [("Sec-WebSocket-Extensions", ""), ("Sec-WebSocket-Extensions", "x-foo")], key: key)
                == .unrequestedExtension("x-foo"))
        // requested: accepted when the server picks one of them, and only one
        let asked = ["chat", "superchat"]
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: good + [("Sec-WebSocket-Protocol", "superchat")], key: key, requestedSubprotocols: asked) == nil)
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: good + [("Sec-WebSocket-Protocol", "other")], key: key, requestedSubprotocols: asked)
                == .unrequestedSubprotocol("other"))
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: good + [("Sec-WebSocket-Protocol", "chat"), ("sec-websocket-protocol", "superchat")], key: key, requestedSubprotocols: asked)
                == .unrequestedSubprotocol("chat, superchat"))
        #expect(Handshake.validate(status: 101, reasonPhrase: "", headers: good, key: key, requestedSubprotocols: asked) == nil)
    }

    @Test func subprotocolsAskedForInExtraHeaders() {
        #expect(Handshake.requestedSubprotocols(in: [("Sec-WebSocket-Protocol", "chat, superchat"), ("sec-websocket-protocol", "v2"), ("X", "y")])
                == ["chat", "superchat", "v2"])
    }
}
