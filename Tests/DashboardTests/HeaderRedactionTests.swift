import Foundation
import Testing
import Session
@testable import Dashboard

/// The header shows the endpoint through the same redaction as every other output.
struct HeaderRedactionTests {
    @Test(arguments: [
        ("wss://shop:Pa55word@h/ws/k?Sign=abcd&shop=5", "wss://***@h/ws/k?Sign=***&shop=5"),
        ("ws://h/ws/k?api_key=abcd&x=1", "ws://h/ws/k?api_key=***&x=1"),
        ("ws://h/ws/k", "ws://h/ws/k"),
    ])
    func urlIsMaskedInStateAndOnOpen(raw: String, shown: String) {
        var s = State(url: raw)
        #expect(s.url == shown)
        s = State(url: "")
        _ = update(&s, .session(TimedEvent(at: Date(timeIntervalSince1970: 0), event: .open(url: raw))))
        #expect(s.url == shown)
    }
}
