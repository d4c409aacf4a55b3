import Foundation

/// Room for a `termios` as the C library writes it. Swift lays a `termios` variable out in 57
/// bytes here (the object file's symbol is 57 bytes; glibc's struct, which `tcgetattr` fills, is
/// 60), so `tcgetattr(fd, &someSwiftTermios)` wrote 3 bytes past it: onto `haveModes` beside
/// `TerminalRestore.savedModes` (found by `scripts/sanitize address`: global-buffer-overflow in
/// every dashboard start). Modes live in a heap buffer of ample size instead.
public enum TerminalModes {
    /// A zeroed buffer, never freed (for a process-long global) unless the caller does.
    public static func allocate() -> UnsafeMutablePointer<termios> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(MemoryLayout<termios>.stride, 128), alignment: 16)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(MemoryLayout<termios>.stride, 128))
        return raw.bindMemory(to: termios.self, capacity: 1)
    }
}
