import Foundation

/// Writes whole lines to a file descriptor, one `write` per line, so every line is flushed as it
/// happens and lines from different threads never interleave.
final class LineWriter: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()

    init(fd: Int32 = STDOUT_FILENO) {
        self.fd = fd
    }

    func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return   // stdout closed (a pipe's reader left): nothing more to do
            }
            offset += n
        }
    }
}
