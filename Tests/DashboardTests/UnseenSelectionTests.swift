import Foundation
import Notifications
import Orders
import Session
import Testing
@testable import Dashboard

/// A key for the selected order pressed after a new order moved in under the selection at the top,
/// before the terminal showed it (`Event.shown`), is held once: the order the merchant meant is not
/// replaced by one they have not seen.
@Suite struct UnseenSelectionTests {
    /// 1001 (待接单, details loaded) on screen and selected at the top; then 1002 arrives and
    /// its details load, and nothing is drawn before the key.
    private func arrivedUnseen() -> State {
        var s = liveState(1001)
        run(&s, [.shown, newOrder(1002, "订单号：1764126001002", at: 2),
                 answer(.details(orderId: 1002, .success(sampleOrder(1002))), 2.1)])
        #expect(s.selectedRow?.orderId == 1002)   // the selection follows the newest at the top
        return s
    }

    @Test func acceptIsHeldOnceThenActs() {
        var s = arrivedUnseen()
        #expect(run(&s, keys(.char("a"))) == [])
        #expect(s.rows[1002]?.activity == nil && s.rows[1001]?.activity == nil)
        #expect(s.notice?.isError == true)
        #expect(s.notice?.text == "order 1002 just arrived and is selected now: press the key again to 接单 it")
        #expect(run(&s, keys(.char("a"))) == [.admin(.perform(orderId: 1002, action: .accept))])
    }

    @Test func enterIsHeldOnceThenAcknowledges() {
        var s = arrivedUnseen()
        run(&s, keys(.enter))
        #expect(s.rows[1002]?.acknowledged == false)
        #expect(s.notice?.text == "order 1002 just arrived and is selected now: press the key again to acknowledge it")
        run(&s, keys(.enter))
        #expect(s.rows[1002]?.acknowledged == true)
        #expect(s.rows[1001]?.acknowledged == false)
    }

    @Test func everyOrderKeyIsHeld() {
        for key in ["a", "x", "X", "d", "f"] as [Character] {
            var s = arrivedUnseen()
            #expect(run(&s, keys(.char(key))) == [], "\(key)")
            #expect(s.mode == .normal, "\(key)")
            #expect(s.notice?.text.hasPrefix("order 1002 just arrived and is selected now") == true, "\(key)")
        }
    }

    @Test func onceShownTheKeyActsAtOnce() {
        var s = arrivedUnseen()
        run(&s, [.shown])
        #expect(run(&s, keys(.char("a"))) == [.admin(.perform(orderId: 1002, action: .accept))])
    }

    @Test func aRowTheMerchantMovedToActsAtOnce() {
        var s = arrivedUnseen()
        run(&s, keys(.down))
        #expect(s.selectedRow?.orderId == 1001)
        #expect(run(&s, keys(.char("a"))) == [.admin(.perform(orderId: 1001, action: .accept))])
    }

    @Test func belowTheTopTheSelectionStaysOnItsOrderAndNothingIsHeld() {
        var s = liveState(1001)
        run(&s, [newOrder(1002, at: 2), answer(.details(orderId: 1002, .success(sampleOrder(1002))), 2.1),
                 .key(.down), .shown, newOrder(1003, at: 3)])
        #expect(s.selectedRow?.orderId == 1001)
        #expect(run(&s, keys(.char("a"))) == [.admin(.perform(orderId: 1001, action: .accept))])
    }

    @Test func aReminderForTheSelectedOrderDoesNotHoldIt() {
        var s = liveState(1001)
        run(&s, [.shown, reminder(1001, at: 2)])
        #expect(run(&s, keys(.char("a"))) == [.admin(.perform(orderId: 1001, action: .accept))])
    }

    @Test func withoutATerminalKeysActAsTheStateReads() {
        // `update` alone (no `.shown` ever): the arrival is not held against the key.
        var s = liveState(1001)
        run(&s, [newOrder(1002, at: 2), answer(.details(orderId: 1002, .success(sampleOrder(1002))), 2.1)])
        #expect(run(&s, keys(.char("a"))) == [.admin(.perform(orderId: 1002, action: .accept))])
    }
}
