import Foundation
import Orders
import Session
import Testing
@testable import Dashboard

/// Re-ring: an order nobody has dealt with rings again every `alerts.reRing` seconds of event
/// time (ticks are the fake clock), until it is acknowledged, accepted or rejected.
@Suite struct ReRingTests {
    @Test func unacknowledgedOrderRingsAgainEveryInterval() {
        var s = State()
        #expect(s.alerts.reRing == 60)
        #expect(rings(update(&s, newOrder(1, at: 0))) == [1])
        #expect(nextDeadline(s, now: at(30)) == at(60))
        #expect(update(&s, .tick(at(59.9))).isEmpty)
        #expect(update(&s, .tick(at(60))) == [.ringBell(times: 1)])
        #expect(update(&s, .tick(at(61))).isEmpty)
        #expect(nextDeadline(s, now: at(61)) == at(120))            // also when it turns aging
        #expect(update(&s, .tick(at(119))).isEmpty)
        #expect(update(&s, .tick(at(120))) == [.ringBell(times: 1)])
        // A late tick rings once, not once per missed interval, and counts from then.
        #expect(update(&s, .tick(at(400))) == [.ringBell(times: 1)])
        #expect(s.rows[1]?.lastRing == at(400))
        #expect(update(&s, .tick(at(459))).isEmpty)
    }

    @Test func acknowledgingStopsTheReRing() {
        var s = State()
        run(&s, [newOrder(1, at: 0), newOrder(2, at: 10)])
        run(&s, keys(.enter))                                          // 2, the newest, selected
        #expect(rings(update(&s, .tick(at(60)))) == [1])              // 1 still rings
        run(&s, keys(.char("A")))
        #expect(update(&s, .tick(at(120))).isEmpty)
        #expect(update(&s, .tick(at(600))).isEmpty)
        #expect(nextDeadline(s, now: at(600)) == nil)
    }

    @Test func aNewNotificationRestartsTheInterval() {
        var s = State()
        run(&s, [newOrder(1, at: 0), reminder(1, at: 50)])
        #expect(s.rows[1]?.lastRing == at(50))
        #expect(update(&s, .tick(at(60))).isEmpty)
        #expect(rings(run(&s, [.tick(at(109.9)), .tick(at(110))])) == [1])
    }

    @Test func acceptedOrRejectedOrdersStopRinging() {
        // By the status the backend reports…
        for status in [OrderStatus.confirmed, .cancelled, .completed, .deliveryInProgress, .refunded] {
            var s = liveState(1001, status)
            #expect(rings(update(&s, .tick(at(60)))).isEmpty, "\(status)")
            #expect(s.rows[1001]?.awaitsMerchant == false)
        }
        // …still waiting: rings.
        var waiting = liveState(1001, .toBeConfirmed)
        #expect(rings(update(&waiting, .tick(at(60)))) == [1])
        // …and from the moment the merchant accepts (in flight, then done), before the new status is known.
        var s = liveState(1001, .toBeConfirmed)
        run(&s, keys(.char("a")))
        #expect(rings(update(&s, .tick(at(60)))).isEmpty)
        run(&s, [answer(.action(orderId: 1001, action: .accept, .success(true)), 61)])
        #expect(rings(update(&s, .tick(at(130)))).isEmpty)
        // The `a` key also acknowledges; an action record alone (played from the journal) shows
        // that a done accept stops the re-ring and a refused one does not.
        var played = liveState(1001, .toBeConfirmed)
        run(&played, [session(.orderAction(OrderActionRecord(orderId: 1001, action: .reject, reason: "菜品已销售完",
                                                             outcome: .ok)), 30)])
        #expect(played.rows[1001]?.acknowledged == false)
        #expect(rings(update(&played, .tick(at(60)))).isEmpty)
        var refused = liveState(1001, .toBeConfirmed)
        run(&refused, [session(.orderAction(OrderActionRecord(orderId: 1001, action: .accept, reason: nil,
                                                              outcome: .refused, message: "订单状态错误")), 30)])
        #expect(rings(update(&refused, .tick(at(60)))) == [1])
    }

    @Test func ordersDueTogetherRingOnceAndTheBurstLimitHolds() {
        var s = State()
        run(&s, [newOrder(1, at: 0), newOrder(2, at: 0.5), newOrder(3, at: 1.2)])
        // 1 and 2 are due by 60.5: one ring for both.
        #expect(update(&s, .tick(at(60.5))) == [.ringBell(times: 1)])
        // 3 is due at 61.2, inside the one-second limit after 60.5: owed, not dropped.
        #expect(update(&s, .tick(at(61.2))).isEmpty)
        #expect(s.bell.pending == 1)
        #expect(nextDeadline(s, now: at(61.2)) == at(61.5))
        #expect(update(&s, .tick(at(61.5))) == [.ringBell(times: 1)])
    }

    @Test func mutedBellMutesReRingsToo() {
        var s = State()
        run(&s, [newOrder(1, at: 0)])
        run(&s, keys(.char("m")))
        #expect(update(&s, .tick(at(60))).isEmpty)
        #expect(update(&s, .tick(at(200))).isEmpty)
        #expect(nextDeadline(s, now: at(200)) == at(240))             // only the age text: no re-ring wake-ups
        // Unmuted: the order still waiting rings at the next tick.
        run(&s, keys(.char("m")))
        #expect(nextDeadline(s, now: at(201)) == at(201))
        #expect(update(&s, .tick(at(201))) == [.ringBell(times: 1)])
        #expect(update(&s, .tick(at(202))).isEmpty)

        var quiet = State(bellMuted: true)
        #expect(rings(run(&quiet, [newOrder(1, at: 0), .tick(at(60)), .tick(at(120))])).isEmpty)
    }

    @Test func reRingZeroMeansOnce() {
        var s = State(alerts: AlertTimings(reRing: 0))
        #expect(rings(run(&s, [newOrder(1, at: 0), .tick(at(60)), .tick(at(120)), .tick(at(3600))])) == [1])
        var none = State(alerts: .off)
        run(&none, [newOrder(1, at: 0)])
        #expect(nextDeadline(none, now: at(1)) == nil)
    }

    @Test func settingsThatMakeNoSenseAreRefusedInTheOptionsWords() {
        #expect(AlertTimings().problem == nil)
        #expect(AlertTimings.off.problem == nil)
        #expect(AlertTimings(reRing: -1).problem == "--re-ring must be 0 (off) or a number of seconds, not -1")
        #expect(AlertTimings(agingAfter: .nan).problem == "--aging-after must be 0 (off) or a number of seconds, not nan")
        #expect(AlertTimings(overdueAfter: .infinity).problem == "--overdue-after must be 0 (off) or a number of seconds, not inf")
        #expect(AlertTimings(reRing: 86_400.5).problem == "--re-ring must be at most 86400 seconds (a day), not 86400.5")
        #expect(AlertTimings(reRing: 86_400, agingAfter: 0, overdueAfter: 86_400).problem == nil)
        #expect(AlertTimings(agingAfter: 1e300).problem == "--aging-after must be at most 86400 seconds (a day), not 1e+300")
        #expect(AlertTimings(agingAfter: 300, overdueAfter: 120).problem
                == "--overdue-after (120) must be longer than --aging-after (300)")
        #expect(AlertTimings(agingAfter: 120, overdueAfter: 120).problem
                == "--overdue-after (120) must be longer than --aging-after (120)")
        #expect(AlertTimings(agingAfter: 0, overdueAfter: 60).problem == nil)   // aging off: overdue alone
        #expect(AlertTimings(agingAfter: 90.5, overdueAfter: 90).problem
                == "--overdue-after (90) must be longer than --aging-after (90.5)")
    }
}
