import CNcursesw
import Foundation

/// Last-resort terminal restore for the crash path (a trap, SIGSEGV, SIGABRT…): puts back the
/// terminal modes saved before ncurses started and leaves the alternate screen, then lets the
/// signal do its default thing. Clean exits and SIGINT/SIGTERM/SIGHUP go through `endwin` instead.
enum TerminalRestore {
    nonisolated(unsafe) static let savedModes = TerminalModes.allocate()
    nonisolated(unsafe) static var haveModes = false
    /// Bytes written on a crash: leave the alternate screen, reset attributes, show the cursor.
    nonisolated(unsafe) static let resetBytes: UnsafeMutableBufferPointer<UInt8> = {
        let text = Array("\u{1B}[0m\u{1B}[?1049l\u{1B}[?25h\r\n".utf8)
        let buf = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
        _ = buf.initialize(from: text)
        return buf
    }()
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
    /// The handlers that were there before (e.g. Swift's backtracer), by signal number.
    nonisolated(unsafe) static let previous: UnsafeMutablePointer<sigaction> = {
        let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        p.initialize(repeating: sigaction(), count: 65)
        return p
    }()

    static func saveTerminalModes() {
        haveModes = tcgetattr(STDIN_FILENO, savedModes) == 0
    }

    /// Turns off XON/XOFF flow control (IXON, IXOFF) while the dashboard runs: Ctrl-S (tmux's C-s
    /// too) would otherwise stop the terminal's output, freezing the screen and the bell with no
    /// sign until Ctrl-Q. Ncurses' `cbreak` leaves it on. The new modes become ncurses' "program"
    /// modes, so they come back after a suspend (Ctrl-Z) or `endwin`; the saved ones
    /// (`saveTerminalModes`) are put back on exit and on the crash path.
    static func disableFlowControl() {
        let modes = TerminalModes.allocate()
        defer { modes.deallocate() }
        guard tcgetattr(STDIN_FILENO, modes) == 0 else { return }
        modes.pointee.c_iflag &= ~tcflag_t(IXON | IXOFF)
        _ = tcsetattr(STDIN_FILENO, TCSANOW, modes)
        _ = def_prog_mode()
    }

    /// Puts back the modes saved before ncurses started (a no-op when there are none).
    static func restoreSavedModes() {
        guard haveModes else { return }
        _ = tcsetattr(STDIN_FILENO, TCSANOW, savedModes)
    }

    static func armCrashRestore() {
        _ = resetBytes
        _ = savedModes
        for sig in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                if TerminalRestore.haveModes {
                    _ = tcsetattr(STDIN_FILENO, TCSANOW, TerminalRestore.savedModes)
                }
                _ = write(STDOUT_FILENO, TerminalRestore.resetBytes.baseAddress, TerminalRestore.resetBytes.count)
                // Hand the signal on to whoever had it before (the backtracer, or the default).
                sigaction(sig, TerminalRestore.previous + Int(sig), nil)
                raise(sig)
            }
            action.sa_flags = 0
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, previous + Int(sig))
        }
    }

    static func disarmCrashRestore() {
        for sig in crashSignals { sigaction(sig, previous + Int(sig), nil) }
    }
}
