import AdminAPI
import Testing

@Suite struct AdminBaseURLTests {
    @Test(arguments: [
        ("ws://h:8080/ws/", "http://h:8080/admin"),
        ("wss://h/sky/ws/", "https://h/sky/admin"),
        ("ws://h:8080/ws", "http://h:8080/admin"),
        ("ws://127.0.0.1:9000/ws/{sid}", "http://127.0.0.1:9000/admin"),
        ("ws://h:8080/ws/abc123?x=1", "http://h:8080/admin"),
        ("wss://shop.example:8443/a/b/ws/", "https://shop.example:8443/a/b/admin"),
        ("WS://H:80/ws/", "http://H/admin"),
        ("ws://[::1]:8080/ws/", "http://[::1]:8080/admin"),
        ("wss://h:443/ws", "https://h/admin"),
    ])
    func derivesTheAPIFromTheWebSocketURL(ws: String, api: String) throws {
        #expect(try AdminBaseURL.derived(fromWebSocketURL: ws).description == api)
    }

    @Test func aWebSocketURLWithoutWsInItsPathIsAClearError() {
        #expect(throws: AdminConfigurationError("cannot derive the admin API from ws://h/socket: its path has no /ws; give --api URL")) {
            try AdminBaseURL.derived(fromWebSocketURL: "ws://h/socket")
        }
    }

    @Test func anHTTPURLGivenAsTheWebSocketURLIsAClearError() throws {
        let e = #expect(throws: AdminConfigurationError.self) { try AdminBaseURL.derived(fromWebSocketURL: "http://h/ws/") }
        #expect(e?.message == "cannot derive the admin API from --url: bad URL: scheme 'http' is not WebSocket: use ws://")
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/admin", "http://127.0.0.1:8080/admin", "/admin"),
        ("https://shop.example/api/", "https://shop.example/api", "/api"),
        ("http://h:80", "http://h", ""),
        ("HTTPS://h:8443/x/admin//", "https://h:8443/x/admin", "/x/admin"),
    ])
    func parsesAnAPIBase(text: String, shown: String, path: String) throws {
        let base = try AdminBaseURL(parsing: text)
        #expect(base.description == shown)
        #expect(base.path == path)
        #expect(base.url(for: "/order/statistics") == shown + "/order/statistics")
    }

    @Test(arguments: [
        ("ws://h/admin", "--api 'ws://h/admin': the admin API is http:// or https://, not ws://"),
        ("h:8080/admin", "--api 'h:8080/admin' is not an http:// or https:// URL"),
        ("http://h/admin?x=1", "--api 'http://h/admin?x=1': no query or fragment, just the base (e.g. http://host:8080/admin)"),
        ("http://h:99999/admin", "--api 'http://h:99999/admin': invalid port '99999' (expected 1–65535)"),
        ("http:///admin", "--api 'http:///admin': missing host in 'ws:///admin'"),
    ])
    func refusesABadAPIBaseWithAClearMessage(text: String, message: String) {
        let e = #expect(throws: AdminConfigurationError.self) { try AdminBaseURL(parsing: text) }
        #expect(e?.message == message)
    }
}
