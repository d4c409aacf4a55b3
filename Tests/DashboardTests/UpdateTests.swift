import Foundation
import Notifications
import Session
import Testing
@testable import Dashboard

@Suite struct OrderUpdateTests {
    @Test func newOrderRingsOnceAndIsUnacknowledged() {
        var s = State()
        let fx = update(&s, newOrder(1001, "订单号: 1", at: 0))
        #expect(fx == [.ringBell(times: 1)])
        #expect(s.orderIds == [1001])
        #expect(s.rows[1001]?.acknowledged == false)
        #expect(s.rows[1001]?.kind == .new)
        #expect(s.unacknowledgedCount == 1)
        #expect(s.counters.orders == 1 && s.counters.newOrders == 1)
        #expect(!s.hasActiveReminders)
    }

    @Test func reminderRingsTwiceFlashesAndCountsUp() {
        var s = State()
        run(&s, [newOrder(1001, "a", at: 0)])
        let fx = run(&s, [reminder(1001, at: 5), reminder(1001, at: 10)])
        #expect(rings(fx) == [2, 2])
        #expect(s.rows[1001]?.reminders == 2)
        #expect(s.rows[1001]?.kind == .reminder(count: 2))
        #expect(s.rows[1001]?.flashingSince == at(5))
        #expect(s.rows[1001]?.content == "a")            // reminders without content keep it
        #expect(s.alertSince == at(5))
        #expect(s.counters.reminders == 2 && s.counters.orders == 1)
    }

    @Test func reminderForUnseenOrderCreatesItsRow() {
        var s = State()
        let fx = update(&s, reminder(4242, "late", at: 0))
        #expect(fx == [.ringBell(times: 2)])
        #expect(s.orderIds == [4242])
        #expect(s.rows[4242]?.sawNewOrder == false)
        #expect(s.rows[4242]?.reminders == 1)
        #expect(s.hasActiveReminders)
    }

    @Test func newestFirstAndSelectionFollowsTheSameOrder() {
        var s = State()
        run(&s, [newOrder(1, at: 0), newOrder(2, at: 1), newOrder(3, at: 2)])
        #expect(s.orderIds == [3, 2, 1])
        #expect(s.selectedRow?.orderId == 3)          // at the top, the selection follows the newest
        run(&s, keys(.down))                          // select order 2
        #expect(s.selectedRow?.orderId == 2)
        run(&s, [newOrder(4, at: 3)])
        #expect(s.orderIds == [4, 3, 2, 1])
        #expect(s.selectedRow?.orderId == 2)          // a new arrival does not move the selection
        run(&s, [reminder(1, at: 4)])                 // activity moves a row to the top
        #expect(s.orderIds == [1, 4, 3, 2])
        #expect(s.selectedRow?.orderId == 2)
    }

    @Test func acknowledgeSelectedStopsItsFlash() {
        var s = State()
        run(&s, [newOrder(1, at: 0), reminder(2, at: 1)])
        run(&s, keys(.end))
        #expect(s.selectedRow?.orderId == 1)
        run(&s, keys(.home))
        #expect(s.selectedRow?.orderId == 2)
        run(&s, keys(.enter))
        #expect(s.rows[2]?.acknowledged == true)
        #expect(s.rows[2]?.flashingSince == nil)
        #expect(s.rows[1]?.acknowledged == false)
        #expect(!s.hasActiveReminders)
        #expect(s.alertSince == nil)
        #expect(s.unacknowledgedCount == 1)
    }

    @Test func acknowledgeAll() {
        var s = State()
        run(&s, [newOrder(1, at: 0), reminder(2, at: 1), reminder(3, at: 2)])
        #expect(s.unacknowledgedCount == 3)
        run(&s, keys(.char("A")))
        #expect(s.unacknowledgedCount == 0)
        #expect(!s.listedRows.contains { $0.isFlashing })
        #expect(nextDeadline(s, now: at(3)) == nil)
        // a later reminder makes the row stand out again
        run(&s, [reminder(1, at: 10)])
        #expect(s.rows[1]?.acknowledged == false && s.rows[1]?.isFlashing == true)
        #expect(s.alertSince == at(10))
    }

    @Test func countersForEveryKindOfMessage() {
        var s = State()
        run(&s, [
            newOrder(1, at: 0),
            reminder(1, at: 1),
            session(.message(.otherJSON(text: #"{"type":9}"#, reason: "unknown type 9")), 2),
            session(.message(.raw(text: #"{"type":1,"#, reason: "invalid JSON")), 3),
            session(.message(.plainText("这是来自服务端的消息:12:00:05")), 4),
            session(.message(.binary([1, 2, 255])), 5),
            session(.error("journal write failed"), 6),
        ])
        #expect(s.counters.messages == 6)
        #expect(s.counters.undecodable == 2)
        #expect(s.counters.newOrders == 1 && s.counters.reminders == 1 && s.counters.orders == 1)
        #expect(s.counters.sessionErrors == 1)
        #expect(s.messages.count == 7)
        #expect(s.messages[5].text == "01 02 ff")
        #expect(s.messages.filter(\.isError).count == 3)
    }

    @Test func retainedOrdersCapDropsOldestAcknowledgedFirst() {
        var s = State(maxRetainedOrders: 3)
        run(&s, [newOrder(1, at: 0), newOrder(2, at: 1), newOrder(3, at: 2)])
        run(&s, keys(.end, .enter, .up, .enter))      // acknowledge 1 and 2
        #expect(s.rows[1]?.acknowledged == true && s.rows[2]?.acknowledged == true)
        run(&s, [newOrder(4, at: 3)])
        #expect(s.orderIds == [4, 3, 2])                  // 1: oldest acknowledged
        run(&s, [reminder(3, at: 4)])                     // 3 is active again, moves up
        run(&s, [newOrder(5, at: 5)])
        #expect(s.orderIds == [5, 3, 4])                  // 2: the only acknowledged
        run(&s, [newOrder(6, at: 6)])
        #expect(s.orderIds == [6, 5, 3, 4])               // none acknowledged: nothing goes
        #expect(s.overCap == 1)
        #expect(s.counters.orders == 6)
        #expect(s.selection < s.orderIds.count)
    }

    /// Issue 10: an order the merchant has not acknowledged never vanishes, however many arrive;
    /// once acknowledged, the list shrinks back to the cap, oldest first.
    @Test func retainedOrdersCapNeverDropsUnacknowledgedOrders() {
        var s = State(maxRetainedOrders: 3)
        run(&s, (1...10).map { newOrder(Int64($0), at: Double($0)) })
        #expect(Array(s.orderIds) == Array((1...10).reversed()).map(Int64.init))
        #expect(s.overCap == 7)
        run(&s, keys(.end, .enter))                       // acknowledge the oldest: it goes at once
        #expect(s.orderIds.count == 9 && s.rows[1] == nil)
        #expect(s.overCap == 6)
        run(&s, keys(.char("A")))
        #expect(s.orderIds == [10, 9, 8])
        #expect(Set(s.rows.keys) == [10, 9, 8])
        #expect(s.overCap == 0)
        #expect(s.counters.orders == 10)
        #expect(s.selection < s.orderIds.count)
    }

    @Test func headerSaysHowManyUnacknowledgedOrdersAreOverTheCap() {
        var s = State(maxRetainedOrders: 2)
        run(&s, [.resize(cols: 100, rows: 24)] + (1...5).map { newOrder(Int64($0), at: Double($0)) })
        let c = view(s, now: at(6), width: 100, height: 24, options: utc)
        #expect(c.line(1).contains("orders 5 · unacked 5 · 3 unacked kept over --max-orders"))
        let narrow = view(s, now: at(6), width: 50, height: 24, options: utc)
        #expect(narrow.line(1).contains("+3 kept"))
    }

    @Test func messageLogIsACappedRing() {
        var s = State(messagesCapacity: 500)
        for i in 0..<600 { _ = update(&s, session(.message(.plainText("tick \(i)")), Double(i))) }
        #expect(s.messages.count == 500)
        #expect(s.messages.first?.text == "tick 100")
        #expect(s.messages.newest?.text == "tick 599")
    }

    @Test func hugeContentIsCapped() throws {
        var s = State()
        run(&s, [newOrder(1, String(repeating: "订", count: 100_000), at: 0)])
        let c = try #require(s.rows[1]?.content)
        #expect(c == String(repeating: "订", count: TextCap.maxScalars) + " …[\(100_000 - TextCap.maxScalars) more chars]")
    }
}

@Suite struct BellTests {
    @Test func burstOfHundredOrdersRingsAtMostTwice() {
        var s = State()
        var fx: [Effect] = []
        for i in 0..<100 { fx += update(&s, newOrder(Int64(i), at: Double(i) * 0.01)) }
        #expect(rings(fx) == [1])                                  // the first one, at once
        #expect(s.bell.pending == 1)
        #expect(nextDeadline(s, now: at(0.99)) == at(1.0))        // the owed ring is scheduled
        fx = update(&s, .tick(at(1.0)))
        #expect(rings(fx) == [1])
        fx = update(&s, .tick(at(2.0)))
        #expect(fx.isEmpty)                                        // nothing more owed
        #expect(s.bell.pending == 0)
    }

    @Test func reminderInsideTheWindowStillRingsLater() {
        var s = State()
        #expect(rings(update(&s, newOrder(1, at: 0))) == [1])
        #expect(update(&s, reminder(1, at: 0.3)).isEmpty)          // rate-limited, not dropped
        #expect(s.bell.pending == 2)
        #expect(nextDeadline(s, now: at(0.3)) == at(0.8))         // flash toggle (0.3 + 0.5) comes first
        #expect(update(&s, .tick(at(0.8))).isEmpty)
        #expect(nextDeadline(s, now: at(0.8)) == at(1.0))         // then the owed bell
        #expect(update(&s, .tick(at(1.0))) == [.ringBell(times: 2)])
    }

    @Test func pendingReminderMergesWithTheNextEvent() {
        var s = State()
        _ = update(&s, newOrder(1, at: 0))
        _ = update(&s, reminder(2, at: 0.5))
        // a new order after the window: rings, and owes the reminder's double ring
        #expect(update(&s, newOrder(3, at: 1.2)) == [.ringBell(times: 2)])
        #expect(s.bell.pending == 0)
    }

    @Test func ringsAreSpacedByEventTimeNotWallClock() {
        var s = State()
        let fx = run(&s, [newOrder(1, at: 0), newOrder(2, at: 1.0), newOrder(3, at: 2.5)])
        #expect(rings(fx) == [1, 1, 1])
    }

    @Test func muteSilencesEverything() {
        var s = State()
        _ = update(&s, newOrder(1, at: 0))
        _ = update(&s, reminder(1, at: 0.2))
        #expect(s.bell.pending == 2)
        run(&s, keys(.char("m")))
        #expect(s.bellMuted)
        #expect(s.bell.pending == 0)
        let fx = run(&s, [.tick(at(1)), reminder(1, at: 5), newOrder(2, at: 10)])
        #expect(rings(fx).isEmpty)
        #expect(s.hasActiveReminders)                              // still flashes
        run(&s, keys(.char("m")))
        #expect(rings(update(&s, newOrder(3, at: 20))) == [1])

        var quiet = State(bellMuted: true)
        #expect(rings(run(&quiet, [newOrder(1, at: 0), reminder(1, at: 3)])).isEmpty)
    }
}

@Suite struct TimingTests {
    @Test func flashPhasesAndDeadlines() {
        var s = State()
        run(&s, [reminder(7, at: 10)])
        #expect(s.flashOn(at: at(10)))
        #expect(s.flashOn(at: at(10.4)))
        #expect(!s.flashOn(at: at(10.5)))
        #expect(!s.flashOn(at: at(10.9)))
        #expect(s.flashOn(at: at(11.0)))
        #expect(nextDeadline(s, now: at(10.1)) == at(10.5))
        #expect(nextDeadline(s, now: at(10.5)) == at(11.0))
        run(&s, keys(.char("A")))
        #expect(!s.flashOn(at: at(11)))
        #expect(nextDeadline(s, now: at(11)) == nil)            // idle: sleep
    }

    @Test func retryCountdownAndUptimeDeadlines() {
        var s = State()
        run(&s, [session(.retrying(after: 4.3, attempt: 3), 100)])
        #expect(s.status == .retrying(at: at(104.3), attempt: 3))
        #expect(nextDeadline(s, now: at(100)) == at(100.3))     // "in 5s" -> "in 4s"
        #expect(nextDeadline(s, now: at(100.3)) == at(101.3))
        #expect(nextDeadline(s, now: at(104.3)) == nil)         // waiting for the session
        run(&s, [session(.open(url: "ws://h/ws/1"), 105)])
        #expect(nextDeadline(s, now: at(105.2)) == at(106))
        #expect(nextDeadline(s, now: at(105 + 4000)) == at(105 + 4020))  // per minute after an hour
        run(&s, [session(.closed(code: 1006, reason: "", by: .network), 200)])
        #expect(nextDeadline(s, now: at(200)) == nil)
    }

    @Test func connectionStatusTransitions() {
        var s = State()
        run(&s, [session(.connecting(attempt: 2, url: "ws://u:pw@h/ws/x?token=abc&sid=1"), 0)])
        #expect(s.status == .connecting(attempt: 2))
        #expect(s.url == "ws://***@h/ws/x?token=***&sid=1")
        run(&s, [session(.failed(reason: "TLS trust failure"), 1)])
        #expect(s.status == .failed(reason: "TLS trust failure"))
        #expect(s.messages.newest?.kind == .error)
    }
}

@Suite struct KeyTests {
    @Test func composerWithCJKBackspace() {
        var s = State()
        run(&s, [.tick(at(50))])
        run(&s, keys(.char("i"), .char("你"), .char("好"), .char("!"), .char("q")))
        #expect(s.mode == .compose(text: "你好!q"))               // q types, does not quit
        run(&s, keys(.backspace, .backspace))
        #expect(s.mode == .compose(text: "你好"))
        run(&s, keys(.backspace))
        #expect(s.mode == .compose(text: "你"))
        run(&s, keys(.char("👨‍👩‍👧"), .backspace))
        #expect(s.mode == .compose(text: "你"))
        let fx = run(&s, keys(.enter))
        #expect(fx == [.sendText("你")])
        #expect(s.mode == .normal)
        #expect(s.messages.newest == MessageEntry(at: at(50), kind: .sent(confirmed: false), text: "你"))
        #expect(Format.messageText(s.messages.newest!, sanitizer: Sanitizer()) == "sending: 你")
        // the session confirms it: same entry, no duplicate
        run(&s, [session(.sent(text: "你"), 51)])
        #expect(s.messages.count == 1)
        #expect(s.messages.newest?.kind == .sent(confirmed: true))
        #expect(Format.messageText(s.messages.newest!, sanitizer: Sanitizer()) == "sent: 你")
    }

    @Test func composerEscapeCancelsAndRefusesOversizedText() {
        var s = State()
        #expect(run(&s, keys(.char("i"), .char("x"), .escape)).isEmpty)
        #expect(s.mode == .normal)
        #expect(run(&s, keys(.char("i"), .enter)).isEmpty)      // empty: nothing sent
        #expect(s.mode == .normal)
        let big = String(repeating: "订", count: 3000)             // 9000 bytes > 8192
        run(&s, [.key(.char("i"))])
        s.mode = .compose(text: big)
        #expect(run(&s, keys(.enter)).isEmpty)
        #expect(s.mode == .compose(text: big))
        #expect(s.messages.newest?.kind == .error)
        run(&s, keys(.char("\u{1B}")))                           // controls are not typed
        #expect(s.mode == .compose(text: big))
    }

    @Test func confirmCloseYes() {
        var s = State()
        run(&s, [session(.open(url: "ws://h/ws/1"), 0)])
        #expect(run(&s, keys(.char("c"))).isEmpty)
        #expect(s.mode == .confirmClose)
        #expect(run(&s, keys(.char("y"))) == [.closeSession(code: 1000)])
        #expect(s.status == .closedByMerchant)
        #expect(s.mode == .normal)
        run(&s, [session(.closed(code: 1000, reason: "", by: .client), 1)])
        #expect(s.status == .closedByMerchant)                   // still "closed by you"
        #expect(run(&s, keys(.char("r"))) == [.reconnect])
        run(&s, [session(.connecting(attempt: 1, url: "ws://h/ws/1"), 2)])
        #expect(s.status == .connecting(attempt: 1))
    }

    @Test func confirmCloseAnythingElseCancels() {
        var s = State()
        run(&s, [session(.open(url: "ws://h/ws/1"), 0)])
        for k in [Key.char("n"), .escape, .enter, .char("q")] {
            run(&s, keys(.char("c")))
            #expect(run(&s, [.key(k)]).isEmpty)
            #expect(s.mode == .normal)
            #expect(s.status == .open(since: at(0)))
        }
    }

    @Test func otherKeys() {
        var s = State()
        #expect(run(&s, keys(.char("q"))) == [.quit])
        #expect(run(&s, keys(.char("r"))) == [.reconnect])
        run(&s, keys(.char("?")))
        #expect(s.mode == .help)
        #expect(run(&s, keys(.char("A"))).isEmpty)               // help swallows other keys
        run(&s, keys(.escape))
        #expect(s.mode == .normal)
        run(&s, keys(.char("?"), .char("?")))
        #expect(s.mode == .normal)
        run(&s, keys(.tab))
        #expect(s.screen == .messages)
        run(&s, keys(.char("v")))
        #expect(s.screen == .orders)
    }

    @Test func navigationAndPaging() {
        var s = State()
        run(&s, [.resize(cols: 80, rows: 24)])
        for i in 0..<50 { _ = update(&s, newOrder(Int64(i), at: Double(i) * 2)) }
        let page = Layout.compute(width: 80, height: 24, state: s).listRows.count
        #expect(page == 15)
        run(&s, keys(.down, .char("j"), .char("j"), .char("k")))
        #expect(s.selection == 2)
        run(&s, keys(.pageDown))
        #expect(s.selection == 2 + page)
        #expect(s.scroll > 0 && s.selection < s.scroll + page)
        run(&s, keys(.end))
        #expect(s.selection == 49 && s.scroll == 50 - page)
        run(&s, keys(.pageUp))
        #expect(s.selection == 49 - page)
        run(&s, keys(.home, .up))
        #expect(s.selection == 0 && s.scroll == 0)
        run(&s, [.resize(cols: 80, rows: 10)])
        run(&s, keys(.end))
        #expect(s.scroll == 50 - Layout.compute(width: 80, height: 10, state: s).listRows.count)
    }

    @Test func replayKeysOnlyInReplay() {
        var live = State()
        #expect(run(&live, keys(.char(" "), .char("+"))).isEmpty)
        var r = State(replay: ReplayInfo())
        #expect(run(&r, keys(.char(" "))) == [.replay(.setPaused(true))])
        #expect(run(&r, keys(.char("+"), .char("-"))) == [.replay(.faster), .replay(.slower)])
        #expect(r.replay?.speed == 1)   // the source steps the speed and reports it back
        run(&r, [.replay(ReplayInfo(speed: 2, paused: true))])
        #expect(r.replay == ReplayInfo(speed: 2, paused: true))
        #expect(run(&r, keys(.char("."))) == [.replay(.step)])
    }
}
