import Foundation
import Testing
@testable import Dashboard

/// The row cache is invisible: over random sequences of events, times and sizes, a render with the
/// cache (kept from render to render) is the same Canvas, byte for byte, as a fresh render.
@Suite struct ViewCacheTests {
    private func sameBytes(_ a: Canvas, _ b: Canvas) -> Bool {
        guard a.width == b.width, a.height == b.height, a.cursor == b.cursor else { return false }
        return (0..<a.height).allSatisfy { a.rowEquals(b, $0) }
    }

    @Test func cachedRenderEqualsAFreshOne() {
        var rng = SystemRandomNumberGenerator()
        let contents: [String?] = [nil, "订单号：1764126001001", "plain text", "e\u{301}te 🍜 x", "a\tb\u{1B}[31m"]
        let keyChoices: [Key] = [.up, .down, .enter, .char("A"), .char("m"), .char("v"), .char("?"), .escape,
                                 .char("o"), .tab, .pageDown, .home]
        for (round, options) in [utc, utcASCII, utc, utcASCII].enumerated() {
            let sizes = [(120, 40), (80, 24), (60, 20), (40, 12), (200, 50)]
            var (w, h) = sizes[round % sizes.count]
            var state = ordersStateIf(round.isMultiple(of: 2), width: w, height: h)
            let cache = ViewCache()
            var clock = 30.0
            var nextId: Int64 = 5000
            for _ in 0..<400 {
                clock += Double.random(in: 0...3, using: &rng)
                switch Int.random(in: 0..<10, using: &rng) {
                case 0...3:
                    nextId += 1
                    let id = Bool.random(using: &rng) ? nextId : Int64.random(in: 5000...nextId, using: &rng)
                    _ = update(&state, newOrder(id, contents.randomElement(using: &rng)!, at: clock))
                case 4:
                    _ = update(&state, reminder(Int64.random(in: 5000...nextId, using: &rng), at: clock))
                case 5...7:
                    _ = update(&state, .key(keyChoices.randomElement(using: &rng)!))
                case 8:
                    _ = update(&state, .tick(at(clock)))
                default:
                    (w, h) = sizes.randomElement(using: &rng)!
                    _ = update(&state, .resize(cols: w, rows: h))
                }
                let now = at(clock + Double.random(in: 0...1, using: &rng))
                let fresh = view(state, now: now, width: w, height: h, options: options)
                let cached = view(state, now: now, width: w, height: h, options: options, cache: cache)
                let same = sameBytes(fresh, cached)
                #expect(same, "round \(round), \(w)x\(h), at \(clock)")
                if !same { return }
            }
        }
    }

    private func ordersStateIf(_ admin: Bool, width: Int, height: Int) -> State {
        if admin { return ordersState(width: width, height: height) }
        var s = State()
        _ = update(&s, .resize(cols: width, rows: height))
        return s
    }
}
