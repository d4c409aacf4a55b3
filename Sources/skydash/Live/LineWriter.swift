import Foundation

/// Writes whole lines to a file descriptor (stdout), in order.
///
/// `LineWriter()` writes in the caller's thread: for one-shot commands (`orders`, `login`), where
/// waiting for the reader is right. `LineWriter.queued(…)` writes from a thread of its own:
/// `write` only queues and returns, so no caller (an event loop, the event pipeline) ever waits
/// for a reader: a paused `| less` or a full pipe stalls that thread alone.
///
/// Up to `maxQueuedBytes` of lines wait in memory; past that, lines are not printed but counted,
/// and once the reader catches up one notice line says how many (`overflowNotice`). Queued lines
/// wait in one byte buffer; the writer thread takes all of it at once and writes it with one
/// `write(2)` when the pipe takes it (so a burst costs one system call, not one per line). When the reader has gone
/// (EPIPE), `onBrokenPipe` is called once and later lines are dropped.
///
/// A writer made with `waitWhenFull` (replay: nothing to protect, nothing to lose) makes `write`
/// wait for room instead of counting lines.
final class LineWriter: @unchecked Sendable {
    /// The documented bound on lines waiting for a slow reader.
    static let defaultMaxQueuedBytes = 32 << 20
    /// A written buffer larger than this is freed rather than kept for reuse.
    private static let keptBufferCapacity = 1 << 20

    private let fd: Int32
    private let maxQueuedBytes: Int
    private let overflowNotice: @Sendable (Int) -> String
    private let onBrokenPipe: (@Sendable () -> Void)?
    private let waitWhenFull: Bool
    private let condition = NSCondition()
    /// Queued lines, each ending in `\n`; swapped with `spare` by the writer thread.
    private var queue: [UInt8] = []
    private var spare: [UInt8] = []
    private var queuedBytes: Int { queue.count }
    private var notPrinted = 0
    private var writing = false
    private var broken = false

    private let queued: Bool

    /// Writes in the caller's thread.
    init(fd: Int32 = STDOUT_FILENO) {
        self.fd = fd
        self.queued = false
        self.waitWhenFull = false
        self.maxQueuedBytes = 0
        self.overflowNotice = { _ in "" }
        self.onBrokenPipe = nil
    }

    private init(fd: Int32, maxQueuedBytes: Int, overflowNotice: @escaping @Sendable (Int) -> String,
                 onBrokenPipe: (@Sendable () -> Void)?, waitWhenFull: Bool) {
        self.fd = fd
        self.queued = true
        self.waitWhenFull = waitWhenFull
        self.maxQueuedBytes = maxQueuedBytes
        self.overflowNotice = overflowNotice
        self.onBrokenPipe = onBrokenPipe
    }

    /// A writer with a thread of its own (see above).
    static func queued(fd: Int32 = STDOUT_FILENO, maxQueuedBytes: Int = LineWriter.defaultMaxQueuedBytes,
                       overflowNotice: @escaping @Sendable (Int) -> String = { "skydash: \($0) lines were not printed: the reader did not keep up" },
                       onBrokenPipe: (@Sendable () -> Void)? = nil, waitWhenFull: Bool = false) -> LineWriter {
        let writer = LineWriter(fd: fd, maxQueuedBytes: maxQueuedBytes, overflowNotice: overflowNotice,
                                onBrokenPipe: onBrokenPipe, waitWhenFull: waitWhenFull)
        let thread = Thread { writer.run() }
        thread.name = "skydash.stdout"
        thread.start()
        return writer
    }

    /// Writes `line` (a newline is added); a queued writer only queues it and never blocks on the reader.
    func write(_ line: String) {
        writeLine { $0.append(contentsOf: line.utf8) }
    }

    /// Writes the line that `build` appends to the buffer it is given (a newline is added): a
    /// queued writer has it append straight into the queue, with no buffer of its own per line.
    func writeLine(_ build: (inout [UInt8]) -> Void) {
        condition.lock()
        defer { condition.unlock() }
        if lockedWrite(build) { condition.signal() }
    }

    /// Writes several lines in order, each as `writeLine` would: `lines` is given a function that
    /// writes one. A queued writer takes its lock and wakes its thread once for all of them.
    func writeLines(_ lines: (_ line: (_ build: (inout [UInt8]) -> Void) -> Void) -> Void) {
        condition.lock()
        defer { condition.unlock() }
        var queuedAny = false
        lines { build in
            if lockedWrite(build) { queuedAny = true }
        }
        if queuedAny { condition.signal() }
    }

    /// One line, under the lock; true when it was queued.
    private func lockedWrite(_ build: (inout [UInt8]) -> Void) -> Bool {
        guard !broken else { return false }
        guard queued else {
            var bytes = [UInt8]()
            build(&bytes)
            bytes.append(0x0A)
            if !writeAll(bytes) { broken = true }
            return false
        }
        while waitWhenFull && queuedBytes >= maxQueuedBytes && !queue.isEmpty && !broken {
            condition.broadcast()   // the writer thread may not have been woken for this batch's lines yet
            condition.wait()
        }
        // Once over the bound, lines are counted until the reader has caught up with all that
        // was queued; then the notice is written, in its place, and lines are queued again.
        if notPrinted > 0 {
            notPrinted += 1
            return false
        }
        let start = queue.count
        build(&queue)
        queue.append(0x0A)
        if queue.count > maxQueuedBytes && start > 0 && !(waitWhenFull && !broken) {
            queue.removeSubrange(start...)
            notPrinted += 1
            return false
        }
        return true
    }

    /// Waits until every queued line is written (true), or `timeout` seconds (false; nil: no limit).
    @discardableResult
    func drain(timeout: TimeInterval?) -> Bool {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        condition.lock()
        defer { condition.unlock() }
        while !broken && (!queue.isEmpty || writing || notPrinted > 0) {
            if let deadline {
                if !condition.wait(until: deadline) { return broken || (queue.isEmpty && !writing && notPrinted == 0) }
            } else {
                condition.wait()
            }
        }
        return true
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && notPrinted == 0 { condition.wait() }
            swap(&queue, &spare)
            if spare.isEmpty, notPrinted > 0 {
                spare.append(contentsOf: (overflowNotice(notPrinted) + "\n").utf8)
                notPrinted = 0
            }
            writing = true
            condition.unlock()

            let pipeBroke = !writeAll(spare)
            spare.removeAll(keepingCapacity: spare.capacity <= Self.keptBufferCapacity)

            condition.lock()
            writing = false
            if pipeBroke {
                broken = true
                queue.removeAll()
                notPrinted = 0
            }
            condition.broadcast()
            condition.unlock()
            if pipeBroke {
                onBrokenPipe?()
                return
            }
        }
    }

    /// False when the reader has gone.
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false   // EPIPE, EBADF: the reader is gone
            }
            offset += n
        }
        return true
    }
}
