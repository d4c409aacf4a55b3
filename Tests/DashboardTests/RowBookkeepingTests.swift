import Foundation
import Notifications
import Orders
import Session
import DemoBackend
import Testing
@testable import Dashboard

/// The dashboard's kept counts and times against a count or scan over every row, after each event
/// of random sequences (new orders, reminders, Enter, `A`, ticks, mute, a small cap, admin answers
/// and action keys): a mismatch fails.
@Suite struct RowBookkeepingTests {
    static func randomEvent(_ g: inout SplitMix64, time: inout Double) -> Event {
        time += Double(Int.random(in: 0...40, using: &g)) / 4
        let id = Int64.random(in: 1...30, using: &g)
        switch Int.random(in: 0..<100, using: &g) {
        case 0..<40: return newOrder(id, at: time)
        case 40..<55: return reminder(id, at: time)
        case 55..<70: return .key(.enter)
        case 70..<75: return .key(.char("A"))
        case 75..<83: return .key([Key.up, .down, .home, .end][Int.random(in: 0..<4, using: &g)])
        case 83..<86: return .key(.char("m"))
        default: return .tick(at(time))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func countsMatchTheRows(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        var s = State(maxRetainedOrders: Int.random(in: 1...12, using: &g),
                      alerts: AlertTimings(reRing: 30, agingAfter: 60, overdueAfter: 150))
        var time = 0.0
        for step in 0..<600 {
            let event = Self.randomEvent(&g, time: &time)
            _ = update(&s, event)
            let brute = s.listedRows.filter { !$0.acknowledged }.count
            #expect(s.unacknowledgedCount == brute, "seed \(seed) step \(step) after \(event)")
            #expect(s.rows.count == s.orderIds.count, "seed \(seed) step \(step)")
            if s.unacknowledgedCount != brute { return }
        }
    }

    /// Admin answers, found orders, action keys and the events above, on a live admin API.
    static func randomAdminEvent(_ g: inout SplitMix64, time: inout Double) -> Event {
        let id = Int64.random(in: 1...30, using: &g)
        let statuses: [OrderStatus] = [.toBeConfirmed, .confirmed, .cancelled, .pendingPayment, .completed]
        let status = statuses[Int.random(in: 0..<statuses.count, using: &g)]
        switch Int.random(in: 0..<100, using: &g) {
        case 0..<12: return answer(.details(orderId: id, .success(sampleOrder(id, status))), time)
        case 12..<16: return answer(.details(orderId: id, .failure(.failed("HTTP 503"))), time)
        case 16..<22:
            let action: OrderAction = [.accept, .reject(reason: "菜品已销售完"), .cancel(reason: "客户电话取消"),
                                       .deliver, .complete][Int.random(in: 0..<5, using: &g)]
            let ok = Bool.random(using: &g)
            return answer(.action(orderId: id, action: action, ok ? .success(true) : .failure(.refused("订单状态错误"))), time)
        case 22..<26: return session(.orderFound(sampleOrder(id, status), how: .check), time)
        case 26..<34: return .key(.char(["a", "d", "f"][Int.random(in: 0..<3, using: &g)]))
        default: return randomEvent(&g, time: &time)
        }
    }

    /// What the kept times must answer, by a pass over the rows (as `nextDeadline` and the re-ring
    /// step did before the state kept them).
    static func scannedRing(_ s: State) -> Date? {
        s.rows.values.compactMap { $0.reRingDue(s.alerts) }.min()
    }

    static func scannedAgeChange(_ s: State, after now: Date) -> Date? {
        s.rows.values.compactMap { $0.nextAgeChange(after: now, s.alerts) }.min()
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as [UInt64])
    func keptTimesMatchAScan(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        // Timings off a whole minute too, so minute boundaries and stage changes fall in between.
        let timings = [AlertTimings(reRing: 30, agingAfter: 60, overdueAfter: 150),
                       AlertTimings(reRing: 7.3, agingAfter: 20.1, overdueAfter: 95.7),
                       AlertTimings(reRing: 0, agingAfter: 0, overdueAfter: 45),
                       AlertTimings(reRing: 12, agingAfter: 0, overdueAfter: 0)][Int(seed % 4)]
        var s = State(maxRetainedOrders: Int.random(in: 1...12, using: &g), admin: seed % 2 == 0 ? .live : .none(reason: "off"),
                      alerts: timings)
        var time = 0.0
        for step in 0..<700 {
            // New timings halfway (the kept ageing bounds are made again from them).
            if step == 350 { s.alerts = AlertTimings(reRing: 20, agingAfter: 45.5, overdueAfter: 130) }
            let event = Self.randomAdminEvent(&g, time: &time)
            let where_ = "seed \(seed) step \(step) after \(event)"
            var dueIds: Set<Int64> = []
            if case .tick(let t) = event, !s.bellMuted {
                dueIds = Set(s.rows.values.filter { ($0.reRingDue(s.alerts) ?? .distantFuture) <= t }.map(\.orderId))
            }
            let before = s.rows
            _ = update(&s, event)
            if case .tick(let t) = event {
                // Exactly the due rows rang again.
                for (id, row) in s.rows where before[id] != nil {
                    #expect(row.lastRing == (dueIds.contains(id) ? t : before[id]!.lastRing), "\(where_): order \(id)")
                }
            }
            #expect(s.unacknowledgedCount == s.rows.values.filter { !$0.acknowledged }.count, "\(where_)")
            #expect(s.flashingCount == s.rows.values.filter(\.isFlashing).count, "\(where_)")
            #expect(s.detailedCount == s.rows.values.filter { $0.order != nil }.count, "\(where_)")
            // The kept ring times whatever the timings (re-ring off included), and the re-ring due
            // time they give when it is on.
            #expect(s.earliestRing == s.rows.values.filter(\.awaitsMerchant).map(\.lastRing).min(), "\(where_)")
            if s.alerts.reRing > 0 {
                #expect(s.earliestRing.map { $0.addingTimeInterval(s.alerts.reRing) } == Self.scannedRing(s), "\(where_)")
            }
            // Asked at the event clock, a little later, on minute and stage edges, and (a pass
            // over the rows) before it.
            let clock = s.clock ?? at(0)
            var nows = [clock, clock.addingTimeInterval(Double.random(in: 0...400, using: &g)),
                        clock.addingTimeInterval(-Double.random(in: 0...30, using: &g))]
            if let row = s.rows.values.randomElement(using: &g) {
                for edge in [s.alerts.agingAfter, s.alerts.overdueAfter, 60, 120, 180, 240, 300] {
                    nows.append(row.firstSeen.addingTimeInterval(edge))
                    let t = row.firstSeen.addingTimeInterval(edge).timeIntervalSinceReferenceDate
                    nows.append(Date(timeIntervalSinceReferenceDate: t.nextUp))
                    nows.append(Date(timeIntervalSinceReferenceDate: t.nextDown))
                }
            }
            for now in nows {
                let scanned = Self.scannedAgeChange(s, after: now)
                #expect(s.nextAgeChange(after: now, before: nil) == scanned, "\(where_) now \(now.timeIntervalSince(clock))")
                // Limits just above and at the answer: a kept bound later than the row's time
                // would hide it.
                var limits = [now.addingTimeInterval(Double.random(in: 0...200, using: &g))]
                if let scanned {
                    limits += [scanned, Date(timeIntervalSinceReferenceDate: scanned.timeIntervalSinceReferenceDate.nextUp)]
                }
                for limit in limits {
                    let below = scanned.flatMap { $0 < limit ? $0 : nil }
                    #expect(s.nextAgeChange(after: now, before: limit) == below,
                            "\(where_) now \(now.timeIntervalSince(clock)) limit \(limit.timeIntervalSince(now))")
                }
            }
        }
    }
}
