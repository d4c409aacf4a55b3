import Foundation
import TestSupport
import Testing

/// `replay --instant --headless` (no clock; order lines copied from their bytes) prints exactly what
/// the clocked player prints for the same journal, with the real binary: every record at the same
/// time, so the clocked one plays them all at once too.
@Suite struct InstantReplayOutputTests {
    @Test func instantPrintsWhatTheClockedPlayerPrints() throws {
        let dir = try TempDir("skydash-instant")
        let at = #"{"at":"2026-11-26T11:00:05.123+08:00","text":"#
        func order(_ id: Int, _ type: Int, _ content: String) -> String {
            at + #""{\"orderId\":\#(id),\"type\":\#(type),\"content\":\"\#(content)\"}"}"#
        }
        let odd = [
            at + #""{\"type\":1,\"orderId\":5,\"content\":null}"}"#,
            at + #""{\"orderId\":5,\"type\":1,\"content\":\"tab\\there \\\"q\\\" \\u001b[31m \/\"}"}"#,
            at + #""{\"orderId\":\"1002\",\"type\":1,\"content\":\"🍜 加辣\",\"extra\":true}"}"#,
            at + #""{\"type\":9,\"orderId\":5}"}"#,
            at + #""这是来自服务端的消息\u2028\u0085\ud83d\ude00"}"#,
            at + #""{\"type\":1,\"orderId\":12"}"#,
            #"{"at":"2026-11-26T11:00:05.123+08:00","event":"close","code":1006,"reason":"gone"}"#,
            #"{"at":"2026-11-26T11:00:05.123+08:00","event":"sent","text":"收到"}"#,
            #"{"at":"2026-11-26T11:00:05.123+08:00","text":"bad \x"}"#,
            "not json",
        ]
        var lines: [String] = []
        for i in 0..<3000 {
            switch i % 50 {
            case 7: lines.append(odd[(i / 50) % odd.count])
            case 13: lines.append(order(i, 1, String(repeating: "不要香菜，多放辣。", count: 300)))
            default: lines.append(order(1_764_126_000_000 + i, i % 20 == 0 ? 2 : 1, "订单号: \(i)"))
            }
        }
        let file = dir.url.appendingPathComponent("log.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0 > 600_000)   // several reads

        let instant = try Skydash.run(["replay", file.path, "--instant", "--headless"], timeout: 30)
        let clocked = try Skydash.run(["replay", file.path, "--headless"], timeout: 30)
        #expect(instant.status == 0 && clocked.status == 0)
        #expect(instant.stdout.count == 3000 - 60 + 48)   // the 12 bad lines (3000/50 odd, 2 in 10 bad) are skipped
        #expect(instant.stdout == clocked.stdout)
        #expect(instant.stderr == clocked.stderr)
        #expect(instant.stderr.count == 12)
    }
}
