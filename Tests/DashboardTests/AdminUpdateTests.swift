import Foundation
import Notifications
import Orders
import Session
import Testing
@testable import Dashboard

/// The orders whose details `effects` ask for.
private func fetches(_ effects: [Effect]) -> [Int64] {
    requests(effects).compactMap { if case .fetchDetails(let id) = $0 { return id } else { return nil } }
}

/// Details, statistics, login and shop answers: what is fetched when, retries, throttling.
@Suite struct AdminFetchTests {
    @Test func newOrderRingsAtOnceAndFetchesItsDetailsOnce() {
        var s = State(admin: .live)
        let fx = update(&s, newOrder(1001, "订单号：1", at: 0))
        #expect(fx == [.ringBell(times: 1), .admin(.fetchDetails(orderId: 1001)), .admin(.refreshStatistics)])
        #expect(s.rows[1001]?.details == .fetching(attempt: 1))
        let again = run(&s, [reminder(1001, at: 5)])
        #expect(rings(again) == [2])
        #expect(!requests(again).contains(.fetchDetails(orderId: 1001)))
    }

    @Test func reminderForAnUnseenOrderFetchesItsDetails() {
        var s = State(admin: .live)
        let fx = update(&s, reminder(77, at: 0))
        #expect(fx.first == .ringBell(times: 2))
        #expect(requests(fx).contains(.fetchDetails(orderId: 77)))
    }

    @Test func withoutAnAdminAPINothingIsFetched() {
        var s = State()
        #expect(update(&s, newOrder(1, at: 0)) == [.ringBell(times: 1)])
        #expect(s.rows[1]?.details == DetailsState.none)
    }

    @Test func replayFetchesNothingButPlaysDetailsAndActionRecords() {
        var s = State(replay: ReplayInfo(), admin: .readOnly(reason: "replay: read-only"))
        #expect(update(&s, newOrder(1001, at: 0)) == [.ringBell(times: 1)])
        #expect(update(&s, session(.orderDetails(sampleOrder(1001)), 1)) == [])
        #expect(s.rows[1001]?.order?.status == .toBeConfirmed)
        #expect(s.rows[1001]?.details == .loaded)
        let record = OrderActionRecord(orderId: 1001, action: .accept, outcome: .ok)
        #expect(update(&s, session(.orderAction(record), 2)) == [])
        #expect(s.rows[1001]?.activity == .done(.accept))
        #expect(s.messages.newest == MessageEntry(at: at(2), kind: .action, text: "接单 order 1001: ok"))
        #expect(s.notice == nil)                     // a replayed outcome answers no key of ours
    }

    @Test func detailsFillTheRowAndGoToTheJournal() {
        var s = State(admin: .live)
        run(&s, [newOrder(1001, at: 0)])
        let order = sampleOrder(1001)
        let fx = update(&s, answer(.details(orderId: 1001, .success(order)), 1))
        #expect(journalled(fx) == [.orderDetails(order)])
        #expect(s.rows[1001]?.order == order)
        #expect(s.rows[1001]?.details == .loaded)
    }

    @Test func failedDetailsAreRetriedWithBackoff() {
        var s = State(admin: .live)
        run(&s, [newOrder(5, at: 0), answer(.details(orderId: 5, .failure(.failed("connection refused"))), 1)])
        #expect(s.rows[5]?.details == .failed(reason: "connection refused", attempt: 1, retryAt: at(2)))
        #expect(nextDeadline(s, now: at(1))! <= at(2))
        #expect(requests(update(&s, .tick(at(1.5)))).isEmpty)
        #expect(requests(update(&s, .tick(at(2)))) == [.fetchDetails(orderId: 5)])
        #expect(s.rows[5]?.details == .fetching(attempt: 2))
        run(&s, [answer(.details(orderId: 5, .failure(.refused("订单不存在"))), 2.5)])
        #expect(s.rows[5]?.details == .failed(reason: "订单不存在", attempt: 2, retryAt: at(4.5)))   // 2 s after the 2nd
        #expect(requests(update(&s, .tick(at(4)))).isEmpty)
        #expect(requests(update(&s, .tick(at(4.5)))) == [.fetchDetails(orderId: 5)])
        run(&s, [answer(.details(orderId: 5, .success(sampleOrder(5))), 5)])
        #expect(s.rows[5]?.details == .loaded)
        #expect(s.admin.detailsRetries.isEmpty)
        #expect(requests(update(&s, .tick(at(100)))).isEmpty)
    }

    @Test func aBurstOfOrdersFetchesAtMostFourDetailsAtOnce() {
        var s = State(admin: .live)
        let fx = run(&s, (1...10).map { newOrder(Int64($0), at: Double($0) / 100) })
        #expect(rings(fx).count >= 1)
        #expect(fetches(fx) == [1, 2, 3, 4])
        #expect(s.admin.detailsInFlight == 4)
        #expect((1...10).allSatisfy { s.rows[Int64($0)]?.details == .fetching(attempt: 1) })  // the rest wait their turn
        let next = update(&s, answer(.details(orderId: 2, .failure(.failed("HTTP 503"))), 1))
        #expect(fetches(next) == [5])
        let more = update(&s, answer(.details(orderId: 1, .success(sampleOrder(1))), 1.1))
        #expect(fetches(more) == [6])
        // An order just acted on goes to the front of the queue.
        run(&s, keys(.end, .char("a")))
        let ok = update(&s, answer(.action(orderId: 1, action: .accept, .success(true)), 1.2))
        #expect(fetches(ok).isEmpty)                                   // no free slot yet
        #expect(s.admin.detailsOwed.first == 1)
        let freed = update(&s, answer(.details(orderId: 3, .success(sampleOrder(3))), 1.3))
        #expect(fetches(freed) == [1])
    }

    @Test func retryDelaysDoubleUpToAMinute() {
        #expect((1...8).map { AdminState.retryDelay(afterAttempt: $0) } == [1, 2, 4, 8, 16, 32, 60, 60])
    }

    @Test func statisticsAreRefreshedAtMostOnceASecond() {
        var s = State(admin: .live)
        #expect(requests(update(&s, newOrder(1, at: 0))).contains(.refreshStatistics))
        #expect(!requests(update(&s, newOrder(2, at: 0.3))).contains(.refreshStatistics))
        #expect(!requests(update(&s, newOrder(3, at: 0.6))).contains(.refreshStatistics))
        #expect(s.admin.statisticsOwed)
        #expect(nextDeadline(s, now: at(0.6))! <= at(1))
        #expect(requests(update(&s, .tick(at(1)))) == [.refreshStatistics])   // one for both
        #expect(requests(update(&s, .tick(at(5)))).isEmpty)                  // nothing owed
        run(&s, [answer(.statistics(.success(OrderStatistics(toBeConfirmed: 3, confirmed: 1, deliveryInProgress: 0))), 1.2)])
        #expect(s.admin.statistics.value?.toBeConfirmed == 3)
        run(&s, [answer(.statistics(.failure(.failed("HTTP 500"))), 2)])
        #expect(s.admin.statistics == .failed("HTTP 500"))
    }

    @Test func loginAsksForTheShopStatusAndStatistics() {
        var s = State(admin: .live)
        let fx = update(&s, answer(.login(.success("管理员")), 0))
        #expect(requests(fx) == [.fetchShopStatus, .refreshStatistics])
        #expect(s.admin.login == .loggedIn(name: "管理员"))
        var f = State(admin: .live)
        #expect(update(&f, answer(.login(.failure(.refused("密码错误"))), 0)) == [])
        #expect(f.admin.login == .failed(reason: "密码错误"))
    }

    /// A token refused mid-session with a login that now fails: the header says so, whatever the
    /// request was; an action's outcome is "failed" (nothing known), not a refusal.
    @Test func aLoginThatStartsFailingShowsInTheHeader() {
        var s = liveState(1001)
        run(&s, [answer(.login(.success("管理员")), 1.5), answer(.statistics(.failure(.unauthorized("账号被锁定"))), 2)])
        #expect(s.admin.login == .failed(reason: "账号被锁定"))
        run(&s, keys(.char("a")))
        let fx = update(&s, answer(.action(orderId: 1001, action: .accept, .failure(.unauthorized("账号被锁定"))), 3))
        #expect(journalled(fx) == [.orderAction(OrderActionRecord(orderId: 1001, action: .accept, outcome: .failed, message: "账号被锁定"))])
        #expect(s.rows[1001]?.activity == .failed(.accept, message: "账号被锁定"))
        run(&s, [answer(.login(.success("管理员")), 4)])              // logged in again
        #expect(s.admin.login == .loggedIn(name: "管理员"))
    }
}
