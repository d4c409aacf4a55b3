import Testing
@testable import WebSocketClient

@Suite struct URLTests {
    @Test func defaultsAndPorts() throws {
        let a = try WebSocketURL(parsing: "ws://example.com")
        #expect(a.port == 80 && a.target == "/" && a.hostHeader == "example.com" && !a.secure)
        let b = try WebSocketURL(parsing: "wss://example.com/feed?x=1")
        #expect(b.port == 443 && b.target == "/feed?x=1" && b.secure)
        let c = try WebSocketURL(parsing: "ws://127.0.0.1:8080/ws/abc")
        #expect(c.port == 8080 && c.hostHeader == "127.0.0.1:8080" && c.isIPLiteral && !c.needsClientId)
        let d = try WebSocketURL(parsing: "WSS://Shop.Example:443/x")
        #expect(d.hostHeader == "Shop.Example" && d.secure)
    }

    @Test func ipv6Literals() throws {
        let u = try WebSocketURL(parsing: "ws://[::1]:9000/ws/a")
        #expect(u.host == "::1" && u.port == 9000 && u.hostHeader == "[::1]:9000" && u.isIPLiteral)
        #expect(u.description == "ws://[::1]:9000/ws/a")
        let v = try WebSocketURL(parsing: "ws://[fe80::1]/")
        #expect(v.port == 80 && v.hostHeader == "[fe80::1]")
    }

    @Test func clientIdFillIn() throws {
        let a = try WebSocketURL(parsing: "ws://h/ws")
        #expect(a.target == "/ws/{sid}" && a.needsClientId)
        #expect(a.resolved(clientId: "k2j3").target == "/ws/k2j3")
        let b = try WebSocketURL(parsing: "ws://h/api/ws/?shop=7")
        #expect(b.resolved(clientId: "z").target == "/api/ws/z?shop=7")
        let c = try WebSocketURL(parsing: "ws://h/push/{sid}/feed")
        #expect(c.resolved(clientId: "q").target == "/push/q/feed")
        let d = try WebSocketURL(parsing: "ws://h/wsx")
        #expect(!d.needsClientId)
    }

    @Test(arguments: [
        ("http://h/ws", "scheme 'http' is not WebSocket: use ws://"),
        ("ftp://h", "unsupported scheme 'ftp': use ws:// or wss://"),
        ("h:80/ws", "'h:80/ws' is not a WebSocket URL: expected ws://HOST[:PORT]/PATH or wss://…"),
        ("ws://h:0/", "invalid port '0' (expected 1–65535)"),
        ("ws://h:99999/", "invalid port '99999' (expected 1–65535)"),
        ("ws://h:x/", "invalid port 'x' (expected 1–65535)"),
        ("ws:///ws", "missing host in 'ws:///ws'"),
        ("ws://[::1/ws", "unclosed '[' in IPv6 host '[::1'"),
        ("ws://::1/ws", "invalid host '::1' (IPv6 addresses need brackets: ws://[::1]:8080/)"),
        ("ws://h/ws#frag", "a WebSocket URL cannot have a fragment ('#frag')"),
        ("ws://user:pw@h/", "user info in the URL is not supported; use --header or --token"),
        ("ws://h/a b", "the path contains spaces or control characters; percent-encode them"),
        ("", "empty URL"),
    ])
    func badURLsAreClearErrors(input: String, message: String) {
        #expect(throws: WebSocketURLError(message)) { try WebSocketURL(parsing: input) }
        #expect(WebSocketURLError(message).description == "bad URL: " + message)
    }

    @Test func freshClientIdPerAttempt() {
        var rng = SystemRandomNumberGenerator()
        let ids = Set((0..<50).map { _ in ClientIdPolicy.freshPerAttempt.clientId(using: &rng) })
        #expect(ids.count == 50)
        #expect(ids.allSatisfy { $0.count == 11 && $0.allSatisfy { $0.isLowercase || $0.isNumber } })
        #expect(ClientIdPolicy.fixed("shop7").clientId(using: &rng) == "shop7")
    }
}
