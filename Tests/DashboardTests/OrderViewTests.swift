import Foundation
import Notifications
import Orders
import Session
import Testing
@testable import Dashboard

private func lines(_ s: State, _ w: Int, _ h: Int, now: Double = 41) -> [String] {
    let c = view(s, now: at(now), width: w, height: h, options: utc)
    checkInvariants(c)
    return c.lines()
}

private func row(_ lines: [String], _ id: Int64) -> String {
    lines.first { $0.contains(" \(id) ") } ?? ""
}

@Suite struct OrderRowViewTests {
    @Test func rowsShowStatusAmountNumberAndDishes() {
        let l = lines(ordersState(width: 120, height: 40), 120, 40)
        #expect(l[3].contains("STATUS") && l[3].contains("AMOUNT") && l[3].contains("ORDER NO.  DISHES"))
        let r = row(l, 1001)
        #expect(r.contains("待接单"))
        #expect(r.contains("¥38.00"))
        #expect(r.contains("1764126001001  宫保鸡丁(微辣)×1 米饭×2"))
    }

    @Test func rowsSayWhyDetailsAreMissingOrOnTheirWay() {
        let l = lines(ordersState(width: 120, height: 40), 120, 40)
        #expect(row(l, 1002).contains("no details: connection refused (attempt 1, retrying)  订单号：1764126001002"))
        #expect(row(l, 1003).contains("fetching details…  订单号：1764126001003"))
        #expect(row(l, 1004).contains("派送…"))
        #expect(row(l, 1004).contains("派送 in flight…  1764126001004  麻辣香锅×1 可乐(少冰)×2"))
    }

    @Test func amountsLineUpOnTheRight() {
        let l = lines(ordersState(width: 120, height: 40), 120, 40)
        let a = row(l, 1001), b = row(l, 1004)
        #expect(displayColumn(of: "38.00", in: a).map { $0 + 5 } == displayColumn(of: "126.50", in: b).map { $0 + 6 })
    }

    @Test func columnsGiveWayDishesFirst() {
        let s = liveState(98765432101, width: 120, height: 24)
        let wide = row(lines(s, 120, 24), 98765432101)
        #expect(wide.contains("待接单") && wide.contains("¥38.00") && wide.contains("米饭×2"))
        let mid = row(lines(s, 60, 24), 98765432101)
        #expect(mid.contains("待接单") && mid.contains("¥38.00"))
        #expect(!mid.contains("米饭"))                         // the dishes gave way
        let narrow = row(lines(s, 40, 24), 98765432101)
        #expect(narrow.contains("待接单"))
        #expect(!narrow.contains("38.00"))                     // then the amount
    }

    @Test func withoutAnAdminAPIRowsLookAsBefore() {
        let l = lines(sampleState(width: 80, height: 24), 80, 24)
        #expect(l[3] == "  TIME      ORDER ID     KIND         CONTENT")
        #expect(l[1] == " orders 3 · unacked 3 · reminders 1 · errors 0 · bell on")
    }

    @Test func serverTextIsSanitisedInRowsAndPane() {
        var s = State(admin: .live)
        var o = sampleOrder(5)
        o.dishes = [Dish(name: "毒\u{1B}[2J药", count: 1)]
        o.remark = "\u{1B}]0;pwned\u{7}ok"
        run(&s, [.resize(cols: 120, rows: 40), newOrder(5, at: 0), answer(.details(orderId: 5, .success(o)), 1)] + keys(.char("o")))
        let c = view(s, now: at(2), width: 120, height: 40, options: utc)
        for y in 0..<c.height {
            #expect(!c.line(y).unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }
        #expect(c.lines().contains { $0.contains("remark") && $0.contains("ok") })
    }
}

@Suite struct OrderPaneViewTests {
    @Test func theDetailPaneShowsWhatTheCounterNeeds() {
        var s = ordersState(width: 120, height: 40)
        run(&s, keys(.end, .char("o")))
        let l = lines(s, 120, 40)
        let text = l.joined(separator: "\n")
        for needle in ["order 1001 — o: close", "1764126001001 · id 1001 · 待接单",
                       "ordered 2025-11-26 11:00 · estimated delivery 2025-11-26 11:45",
                       "¥38.00 · pack fee ¥2.00 · tableware 2", "张三 · 13800138000", "北京市海淀区中关村大街1号",
                       "remark    少辣", "dishes    宫保鸡丁(微辣)×1  ¥28.00", "米饭×2  ¥4.00"] {
            #expect(text.contains(needle), "\(needle)")
        }
        run(&s, keys(.char("o")))
        #expect(!lines(s, 120, 40).joined().contains("o: close"))
    }

    @Test func thePaneShowsReasonsAndWhyDetailsAreMissing() {
        var s = ordersState(width: 100, height: 30)
        var rejected = sampleOrder(1001, .cancelled)
        rejected.rejectionReason = "菜品已销售完，暂时无法接单"
        run(&s, [session(.orderDetails(rejected), 41)] + keys(.end, .char("o")))
        #expect(lines(s, 100, 30).contains { $0.contains("rejected  菜品已销售完，暂时无法接单") })
        run(&s, keys(.up))                                   // order 1002: details failed
        #expect(lines(s, 100, 30).contains { $0.contains("details   not loaded: connection refused (attempt 1, retrying)") })
        var none = sampleState(width: 80, height: 24)
        run(&none, keys(.char("o")))
        #expect(lines(none, 80, 24).contains { $0.contains("details   no admin API configured") })
    }

    @Test func headerShowsShopCountsAndWhoIsLoggedIn() {
        let l = lines(ordersState(width: 100, height: 30), 100, 30)
        #expect(l[2] == " 营业中 · 待接单 1 · 待派送 1 · 派送中 0 · logged in: 管理员")
        var s = State(admin: .live)
        run(&s, [.resize(cols: 100, rows: 30), answer(.login(.failure(.failed("账号不存在"))), 0)])
        #expect(lines(s, 100, 30)[2] == " shop … · 待接单 - · 待派送 - · 派送中 - · login failed: 账号不存在")
        var r = State(replay: ReplayInfo(), admin: .readOnly(reason: "replay: read-only"))
        run(&r, [.resize(cols: 100, rows: 30)])
        #expect(lines(r, 100, 30)[2] == " replay: read-only")
    }

    @Test func shopConfirmationAndNoticesUseTheBottomLine() {
        var s = ordersState(width: 100, height: 30)
        run(&s, keys(.char("S")))
        #expect(lines(s, 100, 30).last == " Close the shop (打烊中)? y/n")
        run(&s, keys(.char("n")))
        #expect(lines(s, 100, 30).last == " the shop is unchanged")
    }

    @Test func completionRateIsAPercentOfTheExactDecimal() {
        #expect(Format.percent(Money(text: "0.8")!) == "80%")
        #expect(Format.percent(Money(text: "0.8333")!) == "83.3%")
        #expect(Format.percent(Money(text: "1")!) == "100%")
        #expect(Format.percent(Money(text: "0")!) == "0%")
    }
}

@Suite struct OrderASCIIViewTests {
    /// A non-UTF-8 terminal: every cell ASCII, the admin UI's words in English.
    @Test func everyOrderScreenIsASCIIOnly() {
        var states: [State] = []
        var s = ordersState(width: 100, height: 30)
        states.append(s)
        run(&s, keys(.end, .char("o")))
        states.append(s)
        run(&s, keys(.char("x")))
        states.append(s)
        run(&s, keys(.char("4"), .char("太")))
        states.append(s)
        run(&s, keys(.escape, .escape, .char("S")))
        states.append(s)
        run(&s, keys(.char("n"), .char("B")))
        states.append(s)
        for (i, st) in states.enumerated() {
            let c = view(st, now: at(41), width: 100, height: 30, options: utcASCII)
            c.forEachCell { x, y, cell in
                #expect(cell.text.unicodeScalars.allSatisfy { $0.isASCII }, "screen \(i): non-ASCII at \(x),\(y): \(cell.text)")
            }
        }
        let rows = view(states[0], now: at(41), width: 100, height: 30, options: utcASCII).lines()
        #expect(rows[2].hasPrefix(" open | to accept 1 | to deliver 1 | delivering 0 | logged in: ???"))
        #expect(rows.contains { $0.contains(" 1001 ") && $0.contains("to accept") && $0.contains("Y38.00") })
        #expect(rows.contains { $0.contains(" 1004 ") && $0.contains("deliver in flight~") })
        let shop = view(states[4], now: at(41), width: 100, height: 30, options: utcASCII).lines()
        #expect(shop.last == " Close the shop (closed)? y/n")
    }

    @Test func asciiWordsReadLongestFirst() {
        #expect(Format.asciiWords("已完成 · 完成率 · 完成") == "completed · completion · complete")
        #expect(Format.asciiWords("ascii stays") == "ascii stays")
        #expect(Format.asciiWords("¥38.00") == "Y38.00")
    }
}
