import Foundation
import TestSupport
import Testing

/// A journal with order `details` and `action` records, replayed by the real binary: headless prints
/// them, the dashboard shows the enriched rows and the actions taken, and never calls a backend
/// (order keys answer "replay: read-only").
@Suite(.serialized) struct OrderReplayTests {
    static let log = [
        #"{"at":"2026-11-26T11:00:01.000+08:00","text":"{\"type\":1,\"orderId\":1001,\"content\":\"订单号：1764126001001\"}"}"#,
        #"{"at":"2026-11-26T11:00:01.200+08:00","event":"details","orderId":1001,"order":{"id":1001,"number":"1764126001001","status":2,"amount":38.00,"consignee":"张三","orderDetailList":[{"name":"宫保鸡丁","dishFlavor":"微辣","number":1},{"name":"米饭","number":2}]}}"#,
        #"{"at":"2026-11-26T11:00:02.000+08:00","text":"{\"type\":1,\"orderId\":1002,\"content\":\"订单号：1764126001002\"}"}"#,
        #"{"at":"2026-11-26T11:00:02.200+08:00","event":"details","orderId":1002,"order":{"id":1002,"number":"1764126001002","status":2,"amount":20.00,"orderDishes":"米饭*1;"}}"#,
        #"{"at":"2026-11-26T11:00:03.000+08:00","event":"action","orderId":1002,"action":"accept","outcome":"ok"}"#,
        #"{"at":"2026-11-26T11:00:03.200+08:00","event":"details","orderId":1002,"order":{"id":1002,"number":"1764126001002","status":3,"amount":20.00,"orderDishes":"米饭*1;"}}"#,
        #"{"at":"2026-11-26T11:00:04.000+08:00","event":"action","orderId":1001,"action":"reject","reason":"餐厅已打烊，暂时无法接单","outcome":"refused","message":"订单状态错误"}"#,
    ]

    /// A temp directory with the log as orders.jsonl.
    func scratch() throws -> TempDir {
        let dir = try TempDir("skydash-orders")
        try dir.write("orders.jsonl", Self.log.joined(separator: "\n") + "\n")
        return dir
    }

    @Test func headlessReplayPrintsOrderRecords() throws {
        let dir = try scratch()
        let file = dir.url.appendingPathComponent("orders.jsonl")
        let text = try ChildProcess(executable: Paths.skydash, arguments: ["replay", "--headless", "--instant", "--format", "text", file.path])
        #expect(text.waitExit() == 0)
        #expect(text.stderr.isEmpty)
        #expect(text.lines.contains { $0.hasSuffix("details 1001 1764126001001 待接单 ¥38.00 宫保鸡丁(微辣)×1 米饭×2") })
        #expect(text.lines.contains { $0.hasSuffix("action 1002 接单 ok") })
        #expect(text.lines.contains { $0.hasSuffix("action 1001 拒单 (餐厅已打烊，暂时无法接单) refused: 订单状态错误") })
        let jsonl = try ChildProcess(executable: Paths.skydash, arguments: ["replay", "--headless", "--instant", file.path])
        #expect(jsonl.waitExit() == 0)
        // The jsonl lines carry the journal's records again.
        #expect(jsonl.lines.filter { $0.contains(#""event":"details""#) || $0.contains(#""event":"action""#) }.count == 5)
        #expect(jsonl.lines.contains { $0.hasSuffix(#","event":"action","orderId":1002,"action":"accept","outcome":"ok"}"#) })
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func dashboardReplayShowsEnrichedRowsAndIsReadOnly() throws {
        let dir = try scratch()
        let file = dir.url.appendingPathComponent("orders.jsonl")
        let cmd = [Paths.skydash.path, "replay", file.path, "--instant"].map(shellQuote).joined(separator: " ")
        let t = try TmuxSession(command: "\(cmd); echo \"EXIT=$?\"; sleep 30")
        defer { t.kill() }
        let screen = try t.waitForScreen("the log played, rows enriched") { s in
            s.count > 5 && s[1].contains("done") && s.contains { $0.contains("1764126001002  米饭×1") }
        }
        #expect(screen[2].contains("replay: read-only"))
        let row1001 = try #require(screen.first { $0.contains(" 1001 ") })
        #expect(row1001.contains("待接单") && row1001.contains("¥38.00") && row1001.contains("拒单 refused: 订单状态错误"))
        let row1002 = try #require(screen.first { $0.contains(" 1002 ") })
        #expect(row1002.contains("待派送") && row1002.contains("¥20.00") && row1002.contains("米饭×1"))
        #expect(screen.contains { $0.contains("接单 order 1002: ok") })           // the actions taken, in the messages pane

        // 1002 is on top: select 1001 (待接单) and accept: the replay backend refuses, nothing is called.
        try t.keys("j", "a")
        try t.waitForText("接单 order 1001: refused — replay: read-only")
        try t.keys("o")
        try t.waitForText("宫保鸡丁(微辣)×1")
        try t.waitForText("张三")
        try t.keys("q")
        try t.waitForText("EXIT=0")
    }
}
