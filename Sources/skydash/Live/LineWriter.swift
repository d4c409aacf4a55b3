import Foundation

/// Writes whole lines to a file descriptor (stdout), in order, one `write(2)` each when the pipe
/// takes it.
///
/// `LineWriter()` writes in the caller's thread: for one-shot commands (`orders`, `login`), where
/// waiting for the reader is right. `LineWriter.queued(…)` writes from a thread of its own:
/// `write` only queues and returns, so no caller (an event loop, the event pipeline) ever waits
/// for a reader: a paused `| less` or a full pipe stalls that thread alone.
///
/// Up to `maxQueuedBytes` of lines wait in memory; past that, lines are not printed but counted,
/// and once the reader catches up one notice line says how many (`overflowNotice`). Lines are
/// written whole, one `write(2)` each when the pipe takes it, in order. When the reader has gone
/// (EPIPE), `onBrokenPipe` is called once and later lines are dropped.
///
/// A writer made with `waitWhenFull` (replay: nothing to protect, nothing to lose) makes `write`
/// wait for room instead of counting lines.
final class LineWriter: @unchecked Sendable {
    /// The documented bound on lines waiting for a slow reader.
    static let defaultMaxQueuedBytes = 32 << 20

    private let fd: Int32
    private let maxQueuedBytes: Int
    private let overflowNotice: @Sendable (Int) -> String
    private let onBrokenPipe: (@Sendable () -> Void)?
    private let waitWhenFull: Bool
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var queuedBytes = 0
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
        let bytes = Array((line + "\n").utf8)
        condition.lock()
        defer { condition.unlock() }
        guard !broken else { return }
        guard queued else {
            if !writeAll(bytes) { broken = true }
            return
        }
        while waitWhenFull && queuedBytes + bytes.count > maxQueuedBytes && !queue.isEmpty && !broken {
            condition.wait()
        }
        // Once over the bound, lines are counted until the reader has caught up with all that
        // was queued; then the notice is written, in its place, and lines are queued again.
        if notPrinted > 0 || (queuedBytes + bytes.count > maxQueuedBytes && !queue.isEmpty) {
            notPrinted += 1
            return
        }
        queue.append(bytes)
        queuedBytes += bytes.count
        condition.signal()
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
            var batch = queue
            queue.removeAll(keepingCapacity: true)
            queuedBytes = 0
            if batch.isEmpty, notPrinted > 0 {
                batch.append(Array((overflowNotice(notPrinted) + "\n").utf8))
                notPrinted = 0
            }
            writing = true
            condition.unlock()

            var pipeBroke = false
            for line in batch where !pipeBroke {
                pipeBroke = !writeAll(line)
            }

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
