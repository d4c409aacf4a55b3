import Testing
@testable import WebSocketClient

@Suite struct PolicyTests {
    @Test func backoffBoundsAndJitter() {
        let b = Backoff(initial: 0.5, factor: 2, cap: 30)
        #expect(b.base(forAttempt: 1) == 0.5)
        #expect(b.base(forAttempt: 2) == 1)
        #expect(b.base(forAttempt: 5) == 8)
        #expect(b.base(forAttempt: 7) == 30)
        #expect(b.base(forAttempt: 10_000) == 30)
        for n in 1...12 {
            #expect(b.delay(forAttempt: n, unit: 0) == b.base(forAttempt: n) / 2)
            #expect(b.delay(forAttempt: n, unit: 1) == b.base(forAttempt: n))
        }
        var rng = SystemRandomNumberGenerator()
        let draws = (0..<200).map { _ in b.delay(forAttempt: 4, unit: Double.random(in: 0...1, using: &rng)) }
        #expect(draws.allSatisfy { (2...4).contains($0) })
        #expect(Set(draws).count > 150)   // jittered, not a constant
    }

    @Test func retriesForeverWithGrowingDelay() {
        var p = ReconnectPolicy(backoff: Backoff(initial: 1, factor: 2, cap: 8))
        var t = 0.0
        var delays: [Double] = []
        for _ in 0..<20 {
            _ = p.attemptStarted()
            guard case .retry(let after, let attempt) = p.ended(.transient("refused"), at: t, unit: 1) else {
                Issue.record("expected retry"); return
            }
            #expect(attempt == p.attempt + 1)
            delays.append(after)
            t += after
        }
        #expect(Array(delays.prefix(5)) == [1, 2, 4, 8, 8])
        #expect(delays.last == 8)
    }

    @Test func healthyConnectionResetsTheBackoff() {
        var p = ReconnectPolicy(backoff: Backoff(initial: 1, factor: 2, cap: 30), healthyAfter: 10)
        for _ in 0..<4 { _ = p.attemptStarted(); _ = p.ended(.transient("x"), at: 0, unit: 1) }
        _ = p.attemptStarted()
        p.opened(at: 100)
        #expect(p.ended(.transient("server closed"), at: 103, unit: 1) == .retry(after: 16, attempt: 6))   // not healthy yet
        _ = p.attemptStarted()
        p.opened(at: 200)
        #expect(p.ended(.transient("server closed"), at: 215, unit: 1) == .retry(after: 1, attempt: 7))    // healthy: reset
    }

    @Test func failsOnFatalAndStopsOnlyWithoutReconnects() {
        var p = ReconnectPolicy()
        _ = p.attemptStarted()
        #expect(p.ended(.fatal("handshake refused: HTTP 403 Forbidden"), at: 0, unit: 0) == .fail(reason: "handshake refused: HTTP 403 Forbidden"))
        var once = ReconnectPolicy(reconnects: false)
        _ = once.attemptStarted()
        #expect(once.ended(.transient("x"), at: 0, unit: 0) == .stop)
    }
}
