import Foundation

/// Lets a sender thread wait until the connection is open (and see when the session is over).
final class OpenGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var open = false
    private var over = false

    func set(open: Bool) {
        condition.lock()
        self.open = open
        condition.broadcast()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        over = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until open (true) or the session is over (false).
    func waitUntilOpen() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !open && !over { condition.wait() }
        return open && !over
    }
}
