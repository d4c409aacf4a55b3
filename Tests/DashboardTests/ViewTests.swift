import Foundation
import Notifications
import Session
import Testing
@testable import Dashboard

private func render(_ s: State, _ w: Int, _ h: Int, now: Double = 192, options: ViewOptions = utc) -> Canvas {
    let c = view(s, now: at(now), width: w, height: h, options: options)
    checkInvariants(c)
    #expect(c.width == w && c.height == h)
    return c
}

private func blank(_ n: Int) -> [String] { Array(repeating: "", count: n) }

@Suite struct ViewSnapshotTests {
    @Test func snapshot40x12() {
        let c = render(sampleState(width: 40, height: 12), 40, 12)
        #expect(c.lines() == [
            " skydash ● open 3m12s  ws://shop.exampl…",
            " ord 3 unack 3 rem 1 err 0 bell on",
            " ⚠ 催单 REMINDER: order 1001 ×1 — Enter…",
            "  TIME     ORDER ID    KIND  CONTENT",
            "›!03:00:40 1001        rem×1 订单号: 17…",
            " •03:00:30 98765432101 new   麻辣香锅 +…",
            " •03:00:20 1002        new   Pad Thai ×…",
        ] + blank(4) + [
            " Enter:ack A:all i:send ?:help q:quit",
        ])
    }

    @Test func snapshot80x24() {
        let c = render(sampleState(width: 80, height: 24), 80, 24)
        #expect(c.lines() == [
            " skydash ● open 3m12s  ws://shop.example:8080/ws/k3x9?token=***",
            " orders 3 · unacked 3 · reminders 1 · errors 0 · bell on",
            " ⚠ 催单 REMINDER: order 1001 ×1 — Enter acknowledges, A all",
            "  TIME      ORDER ID     KIND         CONTENT",
            "›!03:00:40  1001         reminder ×1  订单号: 1764126000001",
            " •03:00:30  98765432101  new          麻辣香锅 + 米饭 + 可乐 (少冰) 送到三号楼",
            " •03:00:20  1002         new          Pad Thai ×2 🍜🍜 extra spicy",
        ] + blank(11) + [
            "── messages & errors (0 errors) — v: all " + String(repeating: "─", count: 39),
            #" 03:00:40 remind {"type":2,"orderId":1001}"#,
            " 03:00:35 text   这是来自服务端的消息:12:00:05",
            #" 03:00:30 order  {"type":1,"orderId":98765432101}"#,
            #" 03:00:20 order  {"type":1,"orderId":1002}"#,
            " ↑↓ move · Enter ack · A all · i send · c close · r reconnect · ? help · q quit",
        ])
        // The token never reaches the screen.
        #expect(!c.lines().joined().contains("secret123"))
    }

    @Test func snapshot200x50() {
        let c = render(sampleState(width: 200, height: 50), 200, 50)
        #expect(c.lines() == [
            " skydash ● open 3m12s  ws://shop.example:8080/ws/k3x9?token=***",
            " orders 3 · unacked 3 · reminders 1 · errors 0 · bell on",
            " ⚠ 催单 REMINDER: order 1001 ×1 — Enter acknowledges, A all",
            "  TIME      ORDER ID     KIND         CONTENT",
            "›!03:00:40  1001         reminder ×1  订单号: 1764126000001",
            " •03:00:30  98765432101  new          麻辣香锅 + 米饭 + 可乐 (少冰) 送到三号楼",
            " •03:00:20  1002         new          Pad Thai ×2 🍜🍜 extra spicy",
        ] + blank(33) + [
            "── messages & errors (0 errors) — v: all " + String(repeating: "─", count: 159),
            #" 03:00:40 remind {"type":2,"orderId":1001}"#,
            " 03:00:35 text   这是来自服务端的消息:12:00:05",
            #" 03:00:30 order  {"type":1,"orderId":98765432101}"#,
            #" 03:00:20 order  {"type":1,"orderId":1002}"#,
            #" 03:00:10 order  {"type":1,"orderId":1001}"#,
            " 03:00:00 conn   connected to ws://shop.example:8080/ws/k3x9?token=***",
        ] + blank(2) + [
            " ↑↓ move · Enter ack · A ack all · i send · c close · r reconnect · m mute · v messages · ? help · q quit",
        ])
    }

    @Test func helpOverlay() {
        var s = sampleState(width: 80, height: 24)
        _ = update(&s, .key(.char("?")))
        let c = render(s, 80, 24)
        let lines = c.lines()
        #expect(Array(lines[2...21]) == [
            " ⚠ 催单 R┌─ keys ─────────────────────────────────────────────────────┐",
            "  TIME   │ UP/DOWN  k j  move the selection                           │",
            "›!03:00:4│ PgUp PgDn     move a page                                  │",
            " •03:00:3│ Home End      first / last row                             │ 三号楼",
            " •03:00:2│ Enter         acknowledge the selected order               │",
            "         │ A             acknowledge all                              │",
            "         │ a             accept the selected order (接单)             │",
            "         │ x  X          reject (拒单) / cancel (取消): pick a reason │",
            "         │ d  f          deliver (派送) / complete (完成)             │",
            "         │ o  S  B       order details / open-close the shop / today  │",
            "         │ i             compose a message (Enter sends, Esc cancels) │",
            "         │ c             close the session (asks y/n)                 │",
            "         │ r             reconnect now                                │",
            "         │ m             bell on / off (re-rings too)                 │",
            "         │ v  Tab        orders / raw messages                        │",
            "         │ ?             this help (Esc closes)                       │",
            "── messag│ q             quit (closes the session cleanly)            │─────────",
            " 03:00:40│ re-ring       unhandled orders ring again every 1m         │",
            " 03:00:35│ ageing        off                                          │",
            " 03:00:30└────────────────────────────────────────────────────────────┘",
        ])
        #expect(c[12, 7].style.role == .help)
        #expect(c[9, 7].style.role == .border)
        #expect(c[9, 2].style.role == .border)
        _ = update(&s, .key(.escape))
        #expect(!render(s, 80, 24).lines().joined().contains("keys"))
    }

    @Test func messagesScreenAndComposer() {
        var s = sampleState(width: 60, height: 12)
        _ = update(&s, .key(.char("v")))
        #expect(render(s, 60, 12).lines() == [
            " skydash ● open 3m12s  ws://shop.example:8080/ws/k3x9?token…",
            " orders 3 · unacked 3 · reminders 1 · errors 0 · bell on",
            " ⚠ 催单 REMINDER: order 1001 ×1 — Enter acknowledges, A all",
            " RAW SERVER MESSAGES & ERRORS — 6 kept, newest first — v/ta…",
            #" 03:00:40 remind {"type":2,"orderId":1001}"#,
            " 03:00:35 text   这是来自服务端的消息:12:00:05",
            #" 03:00:30 order  {"type":1,"orderId":98765432101}"#,
            #" 03:00:20 order  {"type":1,"orderId":1002}"#,
            #" 03:00:10 order  {"type":1,"orderId":1001}"#,
            " 03:00:00 conn   connected to ws://shop.example:8080/ws/k3x…",
            "",
            " ↑↓ scroll · Home newest · v back · ? help · q quit",
        ])
        _ = update(&s, .key(.char("v")))
        for k in ["i", "你", "好"] { _ = update(&s, .key(.char(Character(k)))) }
        let c = render(s, 60, 12)
        #expect(c.lines()[11] == "send> 你好                           Enter send — Esc cancel")
        #expect(c.cursor == Position(x: 10, y: 11))
    }

    /// Undecodable messages are "raw" on screen as in the journal and headless output, with the
    /// reason first; wrong-shape JSON is "json?". Both count as errors in the header.
    @Test func rawAndOtherJSONInTheMessagesPane() {
        var s = sampleState(width: 60, height: 12)
        _ = update(&s, session(.message(.raw(text: "{oops", reason: "invalid JSON: x")), 41))
        _ = update(&s, session(.message(.otherJSON(text: "[1]", reason: "not a JSON object (an array)")), 42))
        _ = update(&s, .key(.char("v")))
        let lines = render(s, 60, 12).lines()
        #expect(lines[1].contains("errors 2"))
        #expect(lines[4] == " 03:00:42 json?  [not a JSON object (an array)] [1]")
        #expect(lines[5] == " 03:00:41 raw    [invalid JSON: x] {oops")
    }

    @Test func tooSmallShowsOnlyANotice() {
        let s = sampleState(width: 39, height: 12)
        let c = render(s, 39, 12)
        #expect(c.lines() == blank(6) + ["    terminal too small — need 40×8"] + blank(5))
        let d = render(s, 80, 7)
        #expect(d.lines() == blank(3) + [String(repeating: " ", count: 25) + "terminal too small — need 40×8"] + blank(3))
        let e = render(s, 10, 1)
        #expect(e.lines() == ["terminal …"])
        let z = render(s, 0, 0)
        #expect(z.lines().isEmpty)
    }
}

@Suite struct ViewBehaviourTests {
    @Test func cjkAndEmojiColumnsLineUp() {
        var s = State()
        run(&s, [
            .resize(cols: 100, rows: 20),
            newOrder(1, "plain ascii", at: 1),
            newOrder(22, "订单号: 1764126000001", at: 2),
            reminder(333, "🇨🇳 flag and 👨‍👩‍👧‍👦 family", at: 3),
            newOrder(4444, "ｆｕｌｌｗｉｄｔｈ カタカナ 한국어", at: 4),
            reminder(333, "e\u{301}\u{301} combining 🍜", at: 5),
        ])
        let c = render(s, 100, 20, now: 6)
        let rows = Array(c.lines()[4...7])
        let contents = ["e\u{301}\u{301} combining", "ｆｕｌｌ", "订单号", "plain"]
        let contentCols = zip(contents, rows).map { displayColumn(of: $0, in: $1) }
        #expect(contentCols.allSatisfy { $0 != nil && $0 == contentCols[0] })
        let kindCols = zip(["reminder ×2", "new", "new", "new"], rows).map { displayColumn(of: $0, in: $1) }
        #expect(kindCols.allSatisfy { $0 != nil && $0 == kindCols[0] })
        // and in cells: the content field starts at the same canvas column on every row
        let x = contentCols[0]!
        #expect(c[x, 4].text == "e\u{301}\u{301}")
        #expect(c[x, 5].text == "ｆ" && c[x + 1, 5].isContinuation)
        #expect(c[x, 6].text == "订")
        #expect(c[x, 7].text == "p")
        // the column after the family emoji is the next character
        let famRow = c.lines()[4]
        #expect(!famRow.contains("flag"))   // content was replaced by the latest reminder
    }

    @Test func truncationNeverSplitsAWideChar() {
        var s = State()
        run(&s, [.resize(cols: 60, rows: 10), newOrder(1, "一二三四五六七八九十一二三四五六七", at: 0)])
        let c = render(s, 60, 10, now: 1)
        let cols = OrderColumns.compute(width: 60, rows: Array(s.listedRows), glyphs: .unicode)
        #expect(cols.contentX == 28 && cols.contentWidth == 32)
        let line = c.lines()[3]
        // 34 columns of content in 32: 15 chars (30 cols) + "…", one column left blank
        #expect(line == "›•03:00:00  1         new   一二三四五六七八九十一二三四五…")
        #expect(TextWidth.width(line) == 59)
        #expect(c[59, 3].text == " ")
        // odd content widths: the wide char that does not fit becomes a space, never half a char
        for w in 40...60 {
            let row = render(s, w, 10, now: 1).lines()[3]
            if !row.hasSuffix("一二三四五六七八九十一二三四五六七") {   // cut: the column is filled, or one left blank
                #expect(row.hasSuffix("…"), "\(w): \(row)")
                #expect((w - 1...w).contains(TextWidth.width(row)), "\(w): \(row)")
            }
        }
    }

    @Test func flashPhasesAlternateStyles() {
        var s = sampleState(width: 80, height: 24)
        run(&s, [reminder(1002, at: 41)])                 // 1002 flashes too, not selected
        #expect(s.selectedRow?.orderId == 1002)           // selection at top follows
        run(&s, [.key(.down)])                            // select 1001; 1002 is unselected
        #expect(s.selectedRow?.orderId == 1001)
        let on = render(s, 80, 24, now: 40.1)
        let off = render(s, 80, 24, now: 40.6)
        let onAgain = render(s, 80, 24, now: 41.2)
        #expect(on.lines() == off.lines())                // text does not move
        // banner
        #expect(on[5, 2].style == Style(.flash, .bold))
        #expect(off[5, 2].style == Style(.banner, .bold))
        #expect(onAgain[5, 2].style == on[5, 2].style)
        // the unselected flashing row (1002, top)
        #expect(on.lines()[4].contains("1002"))
        #expect(on[20, 4].style.role == .flash)
        #expect(off[20, 4].style.role == .reminder)
        // the selected flashing row (1001) alternates flash / selection
        #expect(on[20, 5].style.role == .flash)
        #expect(off[20, 5].style.role == .selection)
        // a plain unacknowledged new order does not flash
        #expect(on[20, 6].style == off[20, 6].style)
        #expect(on[20, 6].style.role == .newOrder)
        // after acknowledging all, no banner and no flash
        run(&s, [.key(.char("A"))])
        let quiet = render(s, 80, 24, now: 40.1)
        #expect(!quiet.lines().joined().contains("REMINDER"))
        #expect(quiet[20, 5].style.role == .acknowledged)
    }

    @Test func escapeSequencesNeverReachTheCanvas() {
        var s = State(url: "ws://h/ws/\u{1B}]0;x\u{07}1")
        let evil = "\u{1B}[2J\u{1B}]0;pwned\u{07}红\u{1B}[31m烧\n肉\u{9B}1m\u{07}\u{1B}P+q\u{1B}\\!"
        run(&s, [
            .resize(cols: 80, rows: 24),
            session(.connecting(attempt: 1, url: "ws://h/ws/\u{1B}[31m1"), 0),
            newOrder(1, evil, at: 1),
            session(.message(.plainText("tick\u{1B}[5m\r\n\u{00}")), 2),
            session(.message(.raw(text: "{\u{1B}[1m", reason: "bad \u{1B}[2J")), 3),
            session(.closed(code: 1006, reason: "bye\u{1B}[?1049l", by: .network), 4),
        ])
        let c = render(s, 80, 24, now: 5)
        var scalars: [Unicode.Scalar] = []
        c.forEachCell { _, _, cell in scalars += cell.text.unicodeScalars }
        #expect(!scalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value < 0x20 })
        let text = c.lines().joined(separator: "\n")
        #expect(text.contains("红烧⏎肉^G!"))
        #expect(text.contains("tick⏎^@"))
        #expect(text.contains("closed 1006 by network: bye"))
        #expect(!text.contains("pwned") && !text.contains("[31m") && !text.contains("[2J"))
    }

    @Test func asciiOnlyModeDrawsOnlyASCII() {
        var s = sampleState(width: 60, height: 24)
        s.mode = .help
        let c = render(s, 60, 24, options: utcASCII)
        c.forEachCell { x, y, cell in
            #expect(cell.text.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII at \(x),\(y): \(cell.text)")
        }
        s.mode = .normal
        let lines = render(s, 60, 24, options: utcASCII).lines()
        #expect(lines[0] == " skydash * open 3m12s  ws://shop.example:8080/ws/k3x9?token~")
        #expect(lines[4].hasPrefix(">!03:00:40  1001         reminder x1  ??????: 1764126000001"))
    }

    @Test func statusTexts() {
        let g = Glyphs.unicode, san = Sanitizer()
        func text(_ st: ConnectionStatus, now: Double = 0) -> String {
            Format.status(st, now: at(now), glyphs: g, sanitizer: san)
        }
        #expect(text(.open(since: at(0)), now: 192) == "● open 3m12s")
        #expect(text(.open(since: at(0)), now: 7) == "● open 7s")
        #expect(text(.open(since: at(0)), now: 3 * 3600 + 300) == "● open 3h05m")
        #expect(text(.connecting(attempt: 2)) == "connecting (attempt 2)")
        #expect(text(.connecting(attempt: 1)) == "connecting…")
        #expect(text(.retrying(at: at(3.2), attempt: 3)) == "retrying in 4s (attempt 3)")
        #expect(text(.closedByMerchant) == "closed by you")
        #expect(text(.closed(code: 1006, reason: "", by: .network)) == "closed 1006 by network")
        #expect(text(.closed(code: 1001, reason: "going away", by: .server)) == "closed 1001 by server: going away")
        #expect(text(.failed(reason: "handshake refused: 403\u{1B}[0m")) == "failed: handshake refused: 403")

        var s = sampleState(width: 80, height: 24)
        run(&s, [.key(.char("c")), .key(.char("y")), .key(.char("m"))])
        let c = render(s, 80, 24)
        #expect(c.lines()[0].hasPrefix(" skydash closed by you"))
        #expect(c[9, 0].style.role == .statusClosed)
        #expect(c.lines()[1].hasSuffix("bell off"))
        #expect(c.lines()[23] == " disconnected — r reconnect · q quit · ? help")
    }

    @Test func emptyListAndScrollHint() {
        var s = State(url: "ws://h/ws/1")
        s = { var x = s; _ = update(&x, .resize(cols: 80, rows: 12)); return x }()
        #expect(render(s, 80, 12).lines()[3] == "  waiting for orders…")
        for i in 0..<30 { _ = update(&s, newOrder(Int64(i), at: Double(i))) }
        let c = render(s, 80, 12, now: 40)
        #expect(c.lines()[2].hasSuffix("1-8/30"))
        #expect(s.unacknowledgedCount == 30)
    }
}

@Suite struct ClockTextTests {
    /// The view's HH:mm:ss (one `ClockFormatter` per render) reads like a Gregorian calendar in the
    /// same time zone: the second the instant falls in, across days, DST changes and fractions.
    @Test func clockTextMatchesTheCalendar() throws {
        var rng = SystemRandomNumberGenerator()
        for zone in ["UTC", "Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"] {
            let tz = try #require(TimeZone(identifier: zone))
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = tz
            let formatter = ClockFormatter(timeZone: tz)
            var instants: [Double] = [0, -0.25, 0.9996, 1_711_846_799.9999, 1_711_846_800, 1_730_000_000.5]
            for _ in 0..<2000 { instants.append(Double.random(in: -2e9...4e9, using: &rng)) }
            for t in instants {
                let date = Date(timeIntervalSince1970: t)
                let c = cal.dateComponents([.hour, .minute, .second], from: date)
                let expected = String(format: "%02d:%02d:%02d", c.hour!, c.minute!, c.second!)
                #expect(Format.clock(date, formatter: formatter) == expected, "\(zone) \(t)")
            }
        }
    }
}
