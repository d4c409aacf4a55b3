/// Exponential backoff with jitter. Attempt n (1-based, counting failed attempts since the last
/// healthy connection) waits a random time in [base/2, base], base = min(cap, initial × factor^(n−1)):
/// the jitter spreads a crowd of clients reconnecting after a server restart, and half the base
/// is always kept so the wait still grows.
public struct Backoff: Sendable, Equatable {
    public var initial: Double
    public var factor: Double
    public var cap: Double

    public init(initial: Double = 0.5, factor: Double = 2, cap: Double = 30) {
        self.initial = initial
        self.factor = factor
        self.cap = cap
    }

    public func base(forAttempt n: Int) -> Double {
        let exponent = Double(max(0, n - 1))
        let raw = initial * _pow(factor, exponent)
        return raw.isFinite ? min(cap, raw) : cap
    }

    /// `unit` is a random value in [0, 1].
    public func delay(forAttempt n: Int, unit: Double) -> Double {
        let b = base(forAttempt: n)
        return b / 2 + b / 2 * min(1, max(0, unit))
    }

    private func _pow(_ x: Double, _ y: Double) -> Double {
        var r = 1.0
        var i = 0.0
        while i < y && r < 1e12 { r *= x; i += 1 }
        return r
    }
}
