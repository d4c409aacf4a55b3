import Dashboard
import Foundation
import Session

/// What other threads hand to the UI thread.
public enum Inbound: Sendable {
    case session(TimedEvent)
    /// SIGINT, SIGTERM or SIGHUP: leave cleanly.
    case signal(Int32)
    /// SIGWINCH: the terminal changed size.
    case resized
    /// The admin API answered (posted by the runtime's request executor).
    case admin(AdminAnswer, at: Date)
}

/// A thread-safe queue that wakes the UI thread's `poll` through a pipe. Posting never blocks
/// and never drops: a burst only costs one wake-up byte.
public final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Inbound] = []
    private var wakePending = false
    /// Read end, for `poll`.
    public let wakeFD: Int32
    private let writeFD: Int32

    public init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "pipe() failed")
        wakeFD = fds[0]
        writeFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(wakeFD)
        close(writeFD)
    }

    public func post(_ item: Inbound) {
        lock.lock()
        items.append(item)
        let wake = !wakePending
        wakePending = true
        lock.unlock()
        if wake {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }
    }

    /// Takes up to `limit` queued items (oldest first) and clears the wake-up.
    public func take(limit: Int) -> [Inbound] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(wakeFD, &scratch, scratch.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let batch: [Inbound]
        if items.count <= limit {
            // The whole queue, storage and all: a burst's buffer is not kept at its largest size.
            batch = items
            items = []
        } else {
            batch = Array(items.prefix(limit))
            items.removeFirst(limit)
        }
        wakePending = !items.isEmpty
        if wakePending {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }
        return batch
    }
}
