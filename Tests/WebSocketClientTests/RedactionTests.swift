import Testing
@testable import WebSocketClient

/// The one redaction applied to every event the client reports.
struct RedactionTests {
    func configuration(_ url: String, headers: [(String, String)] = [], secretNames: Set<String> = []) throws -> ClientConfiguration {
        var c = ClientConfiguration(url: try WebSocketURL(parsing: url))
        c.headers = headers
        c.secretHeaderNames = secretNames
        return c
    }

    @Test(arguments: [
        ("ws://h/ws/k?token=abcd1234", "ws://h/ws/k?token=***"),
        ("ws://h/ws/k?Access_Token=abcd1234&shop=5", "ws://h/ws/k?Access_Token=***&shop=5"),
        ("ws://h/ws/k?x=1&API_KEY=abcd&Signature=zz&PassWord=p", "ws://h/ws/k?x=1&API_KEY=***&Signature=***&PassWord=***"),
        ("ws://h/ws/k?auth=abcd&secretive=1", "ws://h/ws/k?auth=***&secretive=***"),
        ("ws://h/ws/k?shop=5", "ws://h/ws/k?shop=5"),
    ])
    func urlsAreReportedWithoutSecretQueryValues(url: String, shown: String) throws {
        let c = try configuration(url)
        #expect(ClientEvent.connecting(attempt: 1, url: c.url.description).redacted(by: c.redactor) == .connecting(attempt: 1, url: shown))
        #expect(ClientEvent.open(url: c.url.description).redacted(by: c.redactor) == .open(url: shown))
    }

    @Test func reasonsThatEchoASecretAreMasked() throws {
        let c = try configuration("ws://h/ws/k?token=QueryS3cret",
                                  headers: [("Authorization", "Bearer HeaderS3cret"), ("X-Shop", "MarkedS3cret"), ("X-Plain", "visible-value")],
                                  secretNames: ["x-shop"])
        let reason = "handshake refused: HTTP 403 bad token QueryS3cret for Bearer HeaderS3cret / MarkedS3cret / visible-value"
        #expect(ClientEvent.failed(reason: reason).redacted(by: c.redactor)
                == .failed(reason: "handshake refused: HTTP 403 bad token *** for *** / *** / visible-value"))
        #expect(ClientEvent.closed(code: 1008, reason: "MarkedS3cret expired", by: .server).redacted(by: c.redactor)
                == .closed(code: 1008, reason: "*** expired", by: .server))
    }

    @Test func messagesAreNotTouched() throws {
        let c = try configuration("ws://h/ws/k?token=QueryS3cret")
        #expect(ClientEvent.text("QueryS3cret").redacted(by: c.redactor) == .text("QueryS3cret"))
        #expect(ClientEvent.sent("QueryS3cret").redacted(by: c.redactor) == .sent("QueryS3cret"))
    }

    /// Short values are not searched for in reasons (they would mangle the text), but a
    /// token-named query value is masked in the URL whatever its length.
    @Test func shortValuesAreMaskedInTheURLOnly() throws {
        let c = try configuration("ws://h/ws/k?token=1", headers: [("token", "1")])
        #expect(ClientEvent.open(url: c.url.description).redacted(by: c.redactor) == .open(url: "ws://h/ws/k?token=***"))
        #expect(ClientEvent.failed(reason: "HTTP 401").redacted(by: c.redactor) == .failed(reason: "HTTP 401"))
    }
}
