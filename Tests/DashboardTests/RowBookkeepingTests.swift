import Foundation
import Notifications
import Testing
@testable import Dashboard

/// The dashboard's kept counts against a count over every row, after each event of random
/// sequences (new orders, reminders, Enter, `A`, ticks, mute, a small cap): a mismatch fails.
@Suite struct RowBookkeepingTests {
    static func randomEvent(_ g: inout SplitMix, time: inout Double) -> Event {
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
        var g = SplitMix(seed: seed)
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
}
