import Foundation

/// Collects values from another thread and lets a test wait for one.
final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSCondition()
    private var _values: [Value] = []

    func record(_ v: Value) {
        lock.lock(); _values.append(v); lock.broadcast(); lock.unlock()
    }

    var values: [Value] { lock.lock(); defer { lock.unlock() }; return _values }

    /// The first value matching `predicate`, waiting up to `timeout` seconds for it.
    @discardableResult
    func waitFor(timeout: Double = 1.5, _ predicate: (Value) -> Bool) -> Value? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let v = _values.first(where: predicate) { return v }
            if !lock.wait(until: deadline) { return _values.first(where: predicate) }
        }
    }

    /// Waits until `n` values match `predicate`; false on timeout.
    func waitForCount(_ n: Int, timeout: Double = 1.5, _ predicate: (Value) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while _values.filter(predicate).count < n {
            if !lock.wait(until: deadline) { return _values.filter(predicate).count >= n }
        }
        return true
    }

    func count(where predicate: (Value) -> Bool) -> Int { values.filter(predicate).count }
}
