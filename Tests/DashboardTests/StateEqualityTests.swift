import Foundation
import Testing
@testable import Dashboard

/// `State`'s `==` is synthesised: every stored field counts, except the caches marked `@Uncompared`.
@Suite struct StateEqualityTests {
    @Test func theAcknowledgementCacheIsNotPartOfEquality() {
        let a = State(url: "ws://h/ws/x")
        var b = a
        b.acknowledgedMayExist = true
        #expect(a == b)
    }

    @Test func everyRealFieldCounts() {
        let a = State(url: "ws://h/ws/x")
        var b = a
        _ = update(&b, .resize(cols: 100, rows: 30))
        #expect(a != b)                                   // viewport
        var c = a
        c.showDetails = true
        #expect(a != c)
        var d = a
        _ = update(&d, .key(.char("m")))
        #expect(a != d)                                   // bell muted
        #expect(State(url: "ws://h/ws/x") == State(url: "ws://h/ws/x"))
    }
}
