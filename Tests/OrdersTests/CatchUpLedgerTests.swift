import Foundation
import Orders
import Testing

/// The catch-up check's decisions: what is found, when a session is deaf, and that what it
/// remembers is bounded by the orders still waiting.
@Suite struct CatchUpLedgerTests {
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)

    static func waiting(_ ids: Int64...) -> [Order] {
        ids.map { Order(id: $0, number: "N\($0)", status: .toBeConfirmed) }
    }

    @discardableResult
    static func check(_ ledger: inout CatchUpLedger, _ pending: [Order], complete: Bool = true, at seconds: TimeInterval = 0) -> CatchUpLedger.Verdict {
        let ticket = ledger.checkStarted()
        return ledger.checked(pending: pending, complete: complete, ticket: ticket, now: t0 + seconds)
    }

    @Test func anOrderNobodyAnnouncedIsFoundOnce() {
        var ledger = CatchUpLedger()
        ledger.sessionOpened()
        ledger.announced(1)
        let first = Self.check(&ledger, Self.waiting(1, 3, 2))
        #expect(first.found.map(\.id) == [2, 3])
        #expect(Self.check(&ledger, Self.waiting(1, 2, 3)).found.isEmpty)
    }

    @Test func anOrderGoneFromTheWaitingListIsForgotten() {
        var ledger = CatchUpLedger()
        ledger.sessionOpened()
        for id in Int64(1)...1000 { ledger.announced(id) }
        Self.check(&ledger, Self.waiting(999, 1000))
        #expect(ledger.known == [999, 1000])
        #expect(ledger.highestKnown == 1000)
        // A day of orders announced and accepted: what is remembered stays the waiting ones.
        for id in Int64(1001)...5000 {
            ledger.announced(id)
            Self.check(&ledger, Self.waiting(id))
        }
        #expect(ledger.known == [5000])
    }

    @Test func anIncompleteListForgetsNothing() {
        var ledger = CatchUpLedger()
        ledger.sessionOpened()
        ledger.announced(1)
        ledger.announced(2)
        Self.check(&ledger, Self.waiting(2), complete: false)
        #expect(ledger.known == [1, 2])
    }

    /// Announced after the check was asked for: the list cannot have it yet; it is kept.
    @Test func anOrderAnnouncedWhileTheCheckRunsIsKept() {
        var ledger = CatchUpLedger()
        ledger.sessionOpened()
        let ticket = ledger.checkStarted()
        ledger.announced(7)
        let verdict = ledger.checked(pending: [], complete: true, ticket: ticket, now: Self.t0)
        #expect(verdict.found.isEmpty)
        #expect(ledger.known == [7])
        // And it is not found again by the next check that lists it.
        #expect(Self.check(&ledger, Self.waiting(7)).found.isEmpty)
    }

    @Test func aSuspectStillUnannouncedAfterTheGraceMeansDeaf() {
        var ledger = CatchUpLedger(deafAfter: 30)
        ledger.sessionOpened()
        ledger.announced(10)
        Self.check(&ledger, Self.waiting(10), at: 0)            // baseline 10
        let found = Self.check(&ledger, Self.waiting(10, 11), at: 5)
        #expect(found.found.map(\.id) == [11])
        #expect(found.deafOrderId == nil)
        #expect(Self.check(&ledger, Self.waiting(10, 11), at: 20).deafOrderId == nil)   // within the grace
        #expect(Self.check(&ledger, Self.waiting(10, 11), at: 35).deafOrderId == 11)
    }

    @Test func aSuspectAnnouncedLateIsNotDeaf() {
        var ledger = CatchUpLedger(deafAfter: 30)
        ledger.sessionOpened()
        Self.check(&ledger, Self.waiting(10), at: 0)
        Self.check(&ledger, Self.waiting(10, 11), at: 5)
        ledger.announced(11)   // the push arrived after all (slow link)
        #expect(Self.check(&ledger, Self.waiting(10, 11), at: 40).deafOrderId == nil)
    }

    /// The first check of a session only sets the baseline: orders found then are offline ones.
    @Test func theFirstCheckOfASessionSuspectsNobody() {
        var ledger = CatchUpLedger(deafAfter: 0)
        ledger.sessionOpened()
        #expect(Self.check(&ledger, Self.waiting(5, 6)).found.map(\.id) == [5, 6])
        #expect(Self.check(&ledger, Self.waiting(5, 6), at: 100).deafOrderId == nil)
        // A new session starts a new baseline; forgotten ids do not lower it.
        Self.check(&ledger, [], at: 101)
        #expect(ledger.known.isEmpty)
        ledger.sessionOpened()
        Self.check(&ledger, [], at: 102)
        #expect(Self.check(&ledger, Self.waiting(4), at: 103).found.map(\.id) == [4])
        #expect(Self.check(&ledger, Self.waiting(4), at: 104).deafOrderId == nil)   // 4 is below the baseline 6
        #expect(Self.check(&ledger, Self.waiting(4, 7), at: 105).found.map(\.id) == [7])
        #expect(Self.check(&ledger, Self.waiting(4, 7), at: 106).deafOrderId == 7)
    }
}
