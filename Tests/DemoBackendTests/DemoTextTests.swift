import DemoBackend
import Foundation
import Testing

/// The endpoint path, the ticker, the `serve` log lines.
@Suite struct DemoTextTests {
    let utc = TimeZone(identifier: "UTC")!
    /// 2025-11-26 12:00:05 UTC.
    let noon5 = Date(timeIntervalSince1970: 1_764_158_405)

    @Test func endpointPath() {
        let table: [(String, String?)] = [
            ("/ws/abc", "abc"),
            ("/ws/k3j2h1x9q?x=1", "k3j2h1x9q"),
            ("/ws/%E5%BA%97", "店"),
            ("/ws/a%20b", "a b"),
            ("/ws/", nil), ("/ws", nil), ("/", nil), ("/wss/abc", nil), ("/ws/a/b", nil),
            ("/ws/abc/", nil), ("/ws/%zz", nil), ("/ws/%ff", nil), ("/api/ws/abc", nil),
        ]
        for (target, sid) in table {
            #expect(EndpointPath.sid(fromTarget: target) == sid, "\(target)")
        }
    }

    @Test func tickerTextAndGrid() {
        #expect(Ticker.text(at: noon5, timeZone: utc) == "这是来自服务端的消息:12:00:05")
        #expect(Ticker.text(at: noon5, timeZone: TimeZone(identifier: "Asia/Shanghai")!) == "这是来自服务端的消息:20:00:05")
        #expect(Ticker.nextTick(after: noon5.addingTimeInterval(-1.8), interval: 5) == noon5)
        #expect(Ticker.nextTick(after: noon5, interval: 5) == noon5.addingTimeInterval(5))
        #expect(Ticker.text(at: noon5.addingTimeInterval(-0.0000001), timeZone: utc) == "这是来自服务端的消息:12:00:05")
    }

    @Test func logLines() {
        let f = DemoLogFormatter(timeZone: utc)
        #expect(f.line(.received(sid: "abc", text: "hello"), at: noon5) == "12:00:05 recv [abc] hello")
        #expect(f.line(.received(sid: "a\u{1B}b", text: "x\n\u{1B}[31my\u{9B}\u{7F}\u{2028}\t你好"), at: noon5)
                == #"12:00:05 recv [a\u{1B}b] x\n\u{1B}[31my\u{9B}\u{7F}\u{2028}\t你好"#)
        #expect(f.line(.connected(sid: "abc", replaced: false), at: noon5) == "12:00:05 open [abc]")
        #expect(f.line(.connected(sid: "abc", replaced: true), at: noon5) == "12:00:05 open [abc] replaces the open session with this sid")
        #expect(f.line(.closed(sid: "abc", code: 1000, reason: "bye"), at: noon5) == "12:00:05 close [abc] 1000 bye")
        #expect(f.line(.closed(sid: "abc", code: 1005, reason: ""), at: noon5) == "12:00:05 close [abc] 1005")
        #expect(f.line(.refused(method: "GET", target: "/x", status: 404), at: noon5) == "12:00:05 refused GET /x 404")
        #expect(f.line(.pushed(text: #"{"orderId":1}"#, sessions: 2, source: .traffic), at: noon5)
                == #"12:00:05 push traffic 2 {"orderId":1}"#)
        #expect(f.listening(port: 8080, at: noon5) == "12:00:05 listening on ws://127.0.0.1:8080/ws/{sid}")
        #expect(f.error("bad\r", at: noon5) == #"12:00:05 error bad\r"#)
        for line in [f.line(.received(sid: "\n", text: "\r\n\u{0}"), at: noon5)] {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }
}
