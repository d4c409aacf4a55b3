import Foundation

/// Collects values from another thread, each with the time it came, and lets a test wait for one.
public final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSCondition()
    private var _timed: [(Date, Value)] = []

    public init() {}

    public func record(_ v: Value) {
        lock.lock(); _timed.append((Date(), v)); lock.broadcast(); lock.unlock()
    }

    public var values: [Value] { timedValues.map(\.1) }
    public var timedValues: [(Date, Value)] { lock.lock(); defer { lock.unlock() }; return _timed }

    /// The first value matching `predicate`, waiting up to `timeout` seconds for it.
    @discardableResult
    public func waitFor(timeout: Double = 1.5, _ predicate: (Value) -> Bool) -> Value? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let v = _timed.first(where: { predicate($0.1) }) { return v.1 }
            if !lock.wait(until: deadline) { return _timed.first(where: { predicate($0.1) })?.1 }
        }
    }

    /// Waits until `n` values match `predicate`; false on timeout.
    public func waitForCount(_ n: Int, timeout: Double = 1.5, _ predicate: (Value) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while _timed.filter({ predicate($0.1) }).count < n {
            if !lock.wait(until: deadline) { return _timed.filter({ predicate($0.1) }).count >= n }
        }
        return true
    }

    public func count(where predicate: (Value) -> Bool) -> Int { values.filter(predicate).count }
}
