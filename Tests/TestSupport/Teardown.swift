import Foundation

/// What a test started and must stop, passed or not: the actions run, last added first, when this is
/// released. A suite holds one (`let teardown = Teardown()`); Swift Testing makes a suite instance per
/// test and releases it when the test ends, so this stands for XCTest's `addTeardownBlock`.
public final class Teardown: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [() -> Void] = []

    public init() {}

    public func add(_ action: @escaping () -> Void) { lock.withLock { actions.append(action) } }

    deinit { for action in actions.reversed() { action() } }
}
