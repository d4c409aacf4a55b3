import Foundation
import TestSupport
import Testing

/// A message over the 64 KiB decode limit is shown raw with the reason and not parsed; the
/// messages around it are decoded as usual (nothing lost, nothing stuck).
@Suite struct BigTextTests {
    @Test func textOverTheDecodeLimitIsShownRawWithTheReason() throws {
        let dir = try TempDir("skydash-bigtext")
        let big = #"{"type":1,"orderId":7,"content":"\#(String(repeating: "a", count: 70_000))"}"#
        func line(_ at: String, _ text: String) throws -> String {
            let data = try JSONSerialization.data(withJSONObject: ["at": at, "text": text], options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        let file = dir.url.appendingPathComponent("log.jsonl")
        try ([try line("2026-11-26T11:00:05.000+08:00", big),
              try line("2026-11-26T11:00:06.000+08:00", #"{"type":1,"orderId":8,"content":"订单号: 8"}"#)]
            .joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)

        let run = try Skydash.run(["replay", file.path, "--instant", "--headless", "--format", "jsonl"])
        #expect(run.status == 0, "\(run.stderr)")
        let events = run.jsonLines.filter { $0.event == "raw" || $0.event == "order" }
        #expect(events.count == 2, "\(run.stdout.map { String($0.prefix(200)) })")
        #expect(events.first?.event == "raw")
        #expect(events.first?["reason"] as? String == "not decoded: \(big.utf8.count) bytes is over the 65536-byte limit for a notification")
        #expect(events.first?["text"] as? String == big)
        #expect(events.last?["orderId"] as? Int == 8)

        let text = try Skydash.run(["replay", file.path, "--instant", "--headless", "--format", "text"])
        #expect(text.stdout.contains { $0.contains("raw (not decoded: \(big.utf8.count) bytes is over the 65536-byte limit for a notification)") },
                "\(text.stdout.map { String($0.prefix(200)) })")
    }
}
