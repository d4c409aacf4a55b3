import Foundation
import Notifications
import Orders
import Session
import Testing
@testable import Dashboard

/// The order keys in every state: allowed, not allowed, without details, in flight, and each outcome.
@Suite struct OrderKeyTests {
    @Test func acceptSendsAtOnceAndAcknowledges() {
        var s = liveState(1001)
        #expect(s.rows[1001]?.acknowledged == false)
        let fx = run(&s, keys(.char("a")))
        #expect(fx == [.admin(.perform(orderId: 1001, action: .accept))])
        #expect(s.rows[1001]?.activity == .inFlight(.accept))
        #expect(s.rows[1001]?.acknowledged == true)
        #expect(s.notice?.text == "接单 order 1001…")
    }

    @Test func aSecondActionWhileOneIsInFlightIsRefused() {
        var s = liveState(1001)
        run(&s, keys(.char("a")))
        for k in ["a", "x", "X"] as [Character] {
            #expect(run(&s, keys(.char(k))) == [])
            #expect(s.notice?.isError == true)
            #expect(s.notice?.text.contains("waiting for the backend's answer to 接单") == true)
            #expect(s.mode == .normal)
        }
    }

    @Test func actionsAreOfferedOnlyWhereTheBackendAllowsThem() {
        let cases: [(OrderStatus, Character, Bool)] = [
            (.toBeConfirmed, "a", true), (.confirmed, "a", false), (.completed, "a", false),
            (.toBeConfirmed, "d", false), (.confirmed, "d", true),
            (.confirmed, "f", false), (.deliveryInProgress, "f", true),
            (.toBeConfirmed, "x", true), (.confirmed, "x", false),
            (.confirmed, "X", true), (.completed, "X", false), (.cancelled, "X", false),
        ]
        for (status, key, allowed) in cases {
            var s = liveState(7, status)
            let fx = run(&s, keys(.char(key)))
            let opened: Bool
            if case .pickReason = s.mode { opened = true } else { opened = false }
            #expect((!fx.isEmpty || opened) == allowed, "\(key) on \(status.word)")
            if !allowed {
                #expect(s.notice?.isError == true)
                #expect(s.notice?.text.hasSuffix("is not possible: order 7 is \(status.word)") == true, "\(s.notice?.text ?? "")")
            }
        }
    }

    @Test func deliverAndCompleteSendTheirActions() {
        var s = liveState(3, .confirmed)
        #expect(run(&s, keys(.char("d"))) == [.admin(.perform(orderId: 3, action: .deliver))])
        var t = liveState(4, .deliveryInProgress)
        #expect(run(&t, keys(.char("f"))) == [.admin(.perform(orderId: 4, action: .complete))])
        #expect(t.rows[4]?.acknowledged == false)      // only accept, reject, cancel acknowledge
    }

    @Test func withoutDetailsTheStatusIsUnknownSoNothingIsSent() {
        var s = State(admin: .live)
        run(&s, [newOrder(9, at: 0)])
        #expect(run(&s, keys(.char("a"))) == [])
        #expect(s.notice == Notice(text: "接单: order 9's details are not loaded, so its status is not known", isError: true))
    }

    @Test func withoutAnAdminAPITheKeysSaySo() {
        var s = State()
        run(&s, [newOrder(9, at: 0)])
        for k in ["a", "x", "X", "d", "f"] as [Character] {
            #expect(run(&s, keys(.char(k))) == [])
            #expect(s.notice?.text.hasSuffix(": no admin API configured") == true)
        }
        #expect(run(&s, keys(.char("S"))) == [])
        #expect(s.notice?.text == "shop: no admin API configured")
        #expect(run(&s, keys(.char("B"))) == [])
        #expect(s.notice?.text == "today's figures: no admin API configured")
        #expect(s.mode == .normal)
    }

    @Test func noOrderSelected() {
        var s = State(admin: .live)
        #expect(run(&s, keys(.char("a"))) == [])
        #expect(s.notice?.text == "接单: no order selected")
    }

    @Test func theNoticeLastsUntilTheNextKey() {
        var s = State()
        run(&s, [newOrder(9, at: 0)] + keys(.char("a")))
        #expect(s.notice != nil)
        run(&s, keys(.down))
        #expect(s.notice == nil)
    }

    @Test func okFetchesTheNewStatusAndIsJournalled() {
        var s = liveState(1001)
        run(&s, keys(.char("a")))
        let fx = update(&s, answer(.action(orderId: 1001, action: .accept, .success(true)), 3))
        #expect(journalled(fx) == [.orderAction(OrderActionRecord(orderId: 1001, action: .accept, outcome: .ok))])
        #expect(requests(fx) == [.fetchDetails(orderId: 1001), .refreshStatistics])
        #expect(s.rows[1001]?.activity == .done(.accept))
        #expect(s.rows[1001]?.order?.status == .toBeConfirmed)      // nothing assumed until the backend says
        run(&s, [answer(.details(orderId: 1001, .success(sampleOrder(1001, .confirmed))), 4)])
        #expect(s.rows[1001]?.order?.status == .confirmed)
        #expect(s.messages.newest?.text == "接单 order 1001: ok")
    }

    @Test func aRefusalShowsTheBackendsOwnWords() {
        var s = liveState(1001)
        run(&s, keys(.char("a")))
        let fx = update(&s, answer(.action(orderId: 1001, action: .accept, .failure(.refused("订单状态错误"))), 3))
        #expect(journalled(fx) == [.orderAction(OrderActionRecord(orderId: 1001, action: .accept, outcome: .refused,
                                                                  message: "订单状态错误"))])
        #expect(requests(fx).isEmpty)
        #expect(s.rows[1001]?.activity == .refused(.accept, message: "订单状态错误"))
        #expect(s.notice == Notice(text: "接单 order 1001: refused — 订单状态错误", isError: true))
        #expect(s.rows[1001]?.order?.status == .toBeConfirmed)
    }

    @Test func aNetworkErrorAssumesNothingAndCanBeRetried() {
        var s = liveState(1001)
        run(&s, keys(.char("a")))
        run(&s, [answer(.action(orderId: 1001, action: .accept, .failure(.failed("connection refused"))), 3)])
        #expect(s.rows[1001]?.activity == .failed(.accept, message: "connection refused"))
        #expect(s.notice?.text == "接单 order 1001: failed — connection refused (nothing assumed; try again)")
        #expect(s.rows[1001]?.order?.status == .toBeConfirmed)
        #expect(run(&s, keys(.char("a"))) == [.admin(.perform(orderId: 1001, action: .accept))])
    }

    @Test func rejectPicksAPresetReason() {
        var s = liveState(1001)
        #expect(run(&s, keys(.char("x"))) == [])
        #expect(s.mode == .pickReason(ReasonPicker(orderId: 1001, kind: .reject)))
        #expect(run(&s, keys(.char("2"))) == [])
        #expect(s.mode == .pickReason(ReasonPicker(orderId: 1001, kind: .reject, choice: 1)))
        let fx = run(&s, keys(.enter))
        #expect(fx == [.admin(.perform(orderId: 1001, action: .reject(reason: "菜品已销售完，暂时无法接单")))])
        #expect(s.mode == .normal)
        #expect(s.rows[1001]?.acknowledged == true)
    }

    @Test func thePickerMovesWithArrowsRefusesBadDigitsAndEscBacksOut() {
        var s = liveState(1001)
        run(&s, keys(.char("x"), .down, .down, .up))
        #expect(s.mode == .pickReason(ReasonPicker(orderId: 1001, kind: .reject, choice: 1)))
        #expect(run(&s, keys(.char("9"))) == [])
        #expect(s.notice == Notice(text: "pick 1–4", isError: true))
        #expect(run(&s, keys(.escape)) == [])
        #expect(s.mode == .normal)
        #expect(s.rows[1001]?.activity == nil)
        #expect(s.rows[1001]?.acknowledged == false)
    }

    @Test func theLastEntryTakesATypedCJKReason() {
        var s = liveState(1001)
        run(&s, keys(.char("x"), .char("4")))
        let picker = ReasonPicker(orderId: 1001, kind: .reject, choice: 3)
        #expect(picker.isCustom && picker.entries.last == "自定义原因")
        #expect(s.mode == .composeReason(picker, text: ""))
        #expect(run(&s, keys(.enter)) == [])                         // empty: says so, stays
        #expect(s.notice == Notice(text: "type a reason, or Esc to go back", isError: true))
        run(&s, keys(.char("太"), .char("忙"), .char("了"), .char("!"), .backspace))
        #expect(s.mode == .composeReason(picker, text: "太忙了"))
        run(&s, keys(.escape))                                       // back to the picker, not out
        #expect(s.mode == .pickReason(picker))
        run(&s, keys(.enter, .char("满"), .char("\u{1B}"), .char("单")))  // a raw control is not typed
        let fx = run(&s, keys(.enter))
        #expect(fx == [.admin(.perform(orderId: 1001, action: .reject(reason: "满单")))])
    }

    @Test func cancelOffersItsOwnReasons() {
        var s = liveState(2, .confirmed)
        run(&s, keys(.char("X")))
        guard case .pickReason(let p) = s.mode else { Issue.record("no picker"); return }
        #expect(p.entries == OrderReasons.cancel + ["自定义原因"])
        let fx = run(&s, keys(.char("4"), .enter))
        #expect(fx == [.admin(.perform(orderId: 2, action: .cancel(reason: "客户电话取消")))])
    }

    @Test func thePickerChecksAgainWhenItSends() {
        var s = liveState(1001)
        run(&s, keys(.char("x")))
        run(&s, [session(.orderDetails(sampleOrder(1001, .cancelled)), 2)])   // changed meanwhile
        #expect(run(&s, keys(.enter)) == [])
        #expect(s.mode == .normal)
        #expect(s.notice?.text == "拒单 is not possible: order 1001 is 已取消")
    }

    @Test func aRowWithAnActionInFlightIsNotDroppedByTheCap() {
        var s = State(maxRetainedOrders: 1, admin: .live)
        run(&s, [newOrder(1, at: 0), answer(.details(orderId: 1, .success(sampleOrder(1))), 0.5), newOrder(2, at: 1)])
        run(&s, keys(.end, .char("a")))                 // accept (and acknowledge) order 1
        #expect(s.rows[1]?.activity == .inFlight(.accept))
        #expect(s.orderIds == [2, 1])
        run(&s, [answer(.action(orderId: 1, action: .accept, .success(true)), 2)])
        #expect(s.rows[1]?.activity == .done(.accept))
    }
}

@Suite struct ShopKeyTests {
    func loggedIn(_ shop: ShopStatus) -> State {
        var s = State(admin: .live)
        run(&s, [answer(.login(.success("管理员")), 0), answer(.shopStatus(.success(shop)), 0.1)])
        return s
    }

    @Test func shopClosesAfterYes() {
        var s = loggedIn(.open)
        #expect(run(&s, keys(.char("S"))) == [])
        #expect(s.mode == .confirmShop(.closed))
        #expect(run(&s, keys(.char("y"))) == [.admin(.setShop(.closed))])
        #expect(s.admin.settingShop == .closed)
        #expect(run(&s, keys(.char("S"))) == [])        // one change at a time
        #expect(s.notice?.isError == true)
        run(&s, [answer(.shopSet(.closed, .success(true)), 1)])
        #expect(s.admin.shop == .known(.closed))
        #expect(s.admin.settingShop == nil)
        #expect(s.notice?.text == "the shop is now 打烊中")
    }

    @Test func anythingButYesLeavesTheShopAsItIs() {
        var s = loggedIn(.closed)
        run(&s, keys(.char("S")))
        #expect(s.mode == .confirmShop(.open))
        #expect(run(&s, keys(.char("n"))) == [])
        #expect(s.mode == .normal && s.admin.shop == .known(.closed))
        #expect(s.notice?.text == "the shop is unchanged")
    }

    @Test func aRefusedShopChangeSaysWhy() {
        var s = loggedIn(.open)
        run(&s, keys(.char("S"), .char("y")))
        run(&s, [answer(.shopSet(.closed, .failure(.failed("HTTP 502"))), 1)])
        #expect(s.admin.shop == .known(.open))
        #expect(s.notice == Notice(text: "the shop is still 营业中: HTTP 502", isError: true))
    }

    @Test func unknownShopStatusIsAskedFor() {
        var s = State(admin: .live)
        #expect(run(&s, keys(.char("S"))) == [.admin(.fetchShopStatus)])
        #expect(s.notice?.text == "the shop's status is not known yet")
        #expect(run(&s, keys(.char("S"))) == [])        // already on its way
    }

    @Test func todaysFiguresOverlay() {
        var s = State(admin: .live)
        #expect(run(&s, keys(.char("B"))) == [.admin(.fetchBusinessData)])
        #expect(s.mode == .businessData)
        #expect(s.admin.businessData == .loading)
        let d = BusinessData(turnover: Money(text: "1234.50")!, validOrderCount: 12, orderCompletionRate: Money(text: "0.8333")!,
                             unitPrice: Money(text: "102.88")!, newUsers: 3)
        run(&s, [answer(.businessData(.success(d)), 1)])
        #expect(s.admin.businessData == .known(d))
        run(&s, keys(.char("a")))                       // keys do not leak to the list
        #expect(s.mode == .businessData)
        run(&s, keys(.escape))
        #expect(s.mode == .normal)
    }

    @Test func replayAnswersComeBackReadOnly() {
        var s = State(replay: ReplayInfo(), admin: .readOnly(reason: "replay: read-only"))
        run(&s, [newOrder(1001, at: 0), session(.orderDetails(sampleOrder(1001)), 1)])
        #expect(run(&s, keys(.char("a"))) == [.admin(.perform(orderId: 1001, action: .accept))])
        run(&s, [answer(.action(orderId: 1001, action: .accept, .failure(.refused("replay: read-only"))), 2)])
        #expect(s.notice?.text == "接单 order 1001: refused — replay: read-only")
    }
}
