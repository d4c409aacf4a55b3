import Foundation
import Journal

/// Reads a notification log (a file, or `-` for stdin) line by line on a background thread and
/// hands the entries over as they are read, so a pipe plays while it is still being written.
final class LogInput: @unchecked Sendable {
    private let condition = NSCondition()
    private var entries: [LogLineResult] = []
    private var ended = false
    private(set) var readError: String?
    let name: String
    private let fd: Int32
    private var started = false

    /// Opens the source; throws a user-facing message when it cannot be opened.
    init(path: String) throws {
        name = path == "-" ? "stdin" : path
        let fd: Int32
        if path == "-" {
            fd = dup(STDIN_FILENO)
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
        }
        guard fd >= 0 else {
            throw UserFacingError("replay: cannot open \(path): \(String(cString: strerror(errno)))",
                                  exitCode: ExitCodes.badInput)
        }
        self.fd = fd
    }

    /// The reading thread starts with the first `take` (or `readAll`).
    private func startReading() {
        guard !started else { return }
        started = true
        Thread.detachNewThread { [self] in pump() }
    }

    /// Reads the whole input in the caller's thread instead, handing `body` each chunk as it is
    /// read, until the input ends or `body` returns false (then `readError` is set if reading failed).
    /// For a player that waits for nothing else (instant headless replay); not with `take`.
    func readChunks(_ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        precondition(!started, "LogInput: readChunks after take")
        started = true
        readError = readToEnd(chunkSize: 256 * 1024, body)
    }

    private func pump() {
        var reader = LogReader()
        let failure = readToEnd(chunkSize: 64 * 1024) { chunk in
            let batch = reader.feed(chunk)
            if !batch.isEmpty { deliver(batch, end: false) }
            return true
        }
        condition.lock()
        readError = failure
        condition.unlock()
        deliver(reader.finish(), end: true)
    }

    /// Reads the input in chunks of at most `chunkSize` bytes, handing each to `body`, until it
    /// ends or `body` returns false; then closes it. Returns the read error's message, if any.
    private func readToEnd(chunkSize: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> String? {
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return "replay: cannot read \(name): \(String(cString: strerror(errno)))"
            }
            if n == 0 { return nil }
            let go = buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<n])) }
            if !go { return nil }
        }
    }

    /// Entries read ahead of the player at most (the reader waits): a long file plays in bounded memory.
    static let readAhead = 16_384

    private func deliver(_ batch: [LogLineResult], end: Bool) {
        condition.lock()
        while entries.count >= Self.readAhead { condition.wait() }
        entries.append(contentsOf: batch)
        if end { ended = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Entries read since the last call, and whether the input has ended. Waits until `deadline`
    /// (nil: forever) when there is nothing new.
    func take(waitingUntil deadline: Date?) -> (entries: [LogLineResult], ended: Bool) {
        startReading()
        condition.lock()
        defer { condition.unlock() }
        if entries.isEmpty && !ended {
            if let deadline { _ = condition.wait(until: deadline) } else { condition.wait() }
        }
        let out = entries
        entries.removeAll(keepingCapacity: true)
        condition.broadcast()   // the reader may be waiting for room
        return (out, ended)
    }

    /// Reads everything (for the dashboard, which needs stdin back for the keyboard).
    func readAll() -> [LogLineResult] {
        var all: [LogLineResult] = []
        while true {
            let (batch, done) = take(waitingUntil: nil)
            all += batch
            if done { return all }
        }
    }
}
