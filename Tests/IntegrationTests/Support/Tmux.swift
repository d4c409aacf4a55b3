import Foundation
import TestSupport

/// A private tmux server (its own socket in a fresh temp directory, no user config) with one
/// detached session of a fixed size running one shell command. Never touches the user's tmux.
///
/// The pane's environment is fixed (`LANG=C.UTF-8`, no `LC_*`, no `NO_COLOR`, no `TMUX`), plus
/// `environment`; `TERM` inside the pane is tmux's `default-terminal`, left at its default
/// (`screen`, or `tmux-256color` in Debian's 3.3a).
final class TmuxSession: @unchecked Sendable {
    static let executable: String = {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/tmux") {
            return dir + "/tmux"
        }
        return "/usr/bin/tmux"
    }()

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    let dir: TempDir
    let socket: String
    /// The one pane.
    let target = "skd:0.0"
    private var killed = false

    /// Starts the server and the session. `command` runs under `/bin/sh -c` in the pane.
    init(command: String, cols: Int = 80, rows: Int = 24, environment: [String: String] = [:]) throws {
        dir = try TempDir("skydash-tmux")
        socket = dir.url.appendingPathComponent("sock").path
        let conf = dir.url.appendingPathComponent("tmux.conf")
        // Loaded when the server starts, so it holds before the pane's program runs.
        try """
        set -g status off
        set -g monitor-bell on
        set -g bell-action any
        set -g visual-bell off
        set -g history-limit 2000
        set -g escape-time 0

        """.write(to: conf, atomically: true, encoding: .utf8)
        let parent = ProcessInfo.processInfo.environment
        var env: [String: String] = [
            "PATH": parent["PATH"] ?? "/usr/bin:/bin",
            "HOME": parent["HOME"] ?? "/tmp",
            "LANG": "C.UTF-8",
            "SHELL": "/bin/sh",
            "TERM": "xterm-256color",   // the tmux client's own terminal; the pane gets default-terminal
            "TMUX_TMPDIR": dir.path,
            "XDG_CONFIG_HOME": Paths.scratchConfig.path,   // no user config file
        ]
        // Under scripts/sanitize the binary in the pane reports where the test process does.
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS", "SWIFT_BACKTRACE"] { env[name] = parent[name] }
        env.merge(environment) { $1 }
        self.environment = env
        do {
            try run(["-f", conf.path, "new-session", "-d", "-s", "skd", "-x", "\(cols)", "-y", "\(rows)", command])
            // A second, current window: tmux sets `window_bell_flag` (WINLINK_BELL) on a window
            // that rang only when it is not its session's current window (alerts.c,
            // alerts_check_bell; 3.3 also sets it on the current window of an unattached
            // session, newer versions never do). Window 0 stays the one under test.
            try run(["new-window", "-t", "skd:1", "sleep 600"])
        } catch {
            kill()
            throw error
        }
    }

    private let environment: [String: String]

    deinit { kill() }

    /// Kills the server (the pane's processes get SIGHUP) and removes the temp directory. Idempotent.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"])
        dir.remove()
    }

    /// Runs `tmux -S socket ARGS…` and returns its stdout and stderr.
    ///
    /// Not through Foundation's `Process`: the first call forks the tmux server, which would
    /// inherit the test process's open descriptors (Foundation's exit-notification socket, other
    /// children's pipes: then `waitUntilExit` and other children's EOF never come) and its blocked
    /// signal mask (then the server, and every program in its panes, could not see SIGCHLD,
    /// SIGHUP or SIGTERM). `posix_spawn` with an empty mask, default handlers and only fds 0–2 does.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let outURL = dir.url.appendingPathComponent("out-\(UUID().uuidString.prefix(8))")
        let fd = open(outURL.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PeerError("cannot create \(outURL.path)") }
        defer { unlink(outURL.path) }
        let status = try spawnAndWait(Self.executable, ["tmux", "-S", socket] + arguments,
                                      environment: environment, output: fd)
        close(fd)
        let text = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw PeerError("tmux \(arguments.joined(separator: " ")) exited \(status): \(text)")
        }
        return text
    }

    /// The visible screen, one string per row (exactly `pane_height` rows). `escapes`: with SGR
    /// sequences (`capture-pane -e`).
    func capture(escapes: Bool = false) -> [String] {
        let args = ["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : [])
        guard let text = try? run(args) else { return [] }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A tmux format evaluated for the pane, e.g. `#{window_bell_flag}`.
    func display(_ format: String) -> String {
        ((try? run(["display-message", "-p", "-t", target, format])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// tmux key names (`Enter`, `BSpace`, `Escape`, `j`…), one per argument.
    func keys(_ names: String...) throws {
        try run(["send-keys", "-t", target] + names)
    }

    /// Literal text typed into the pane (UTF-8).
    func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", text])
    }

    func resize(cols: Int, rows: Int) throws {
        try run(["resize-window", "-t", "skd:0", "-x", "\(cols)", "-y", "\(rows)"])
    }

    /// Polls the screen (every 50 ms) until `predicate` holds; returns that screen. Throws with the
    /// last screen after `timeout` seconds.
    @discardableResult
    func waitForScreen(_ what: String, timeout: Double = 5, escapes: Bool = false,
                       _ predicate: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var screen: [String] = []
        while true {
            screen = capture(escapes: escapes)
            if predicate(screen) { return screen }
            if Date() >= deadline { break }
            usleep(50_000)
        }
        throw PeerError("timed out after \(timeout) s waiting for \(what); screen:\n" + Self.dump(screen))
    }

    /// Waits until some row contains `text`.
    @discardableResult
    func waitForText(_ text: String, timeout: Double = 5) throws -> [String] {
        try waitForScreen("\"\(text)\"", timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    /// Polls a format until it equals `value`.
    func waitForFormat(_ format: String, _ value: String, timeout: Double = 5) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while true {
            last = display(format)
            if last == value { return }
            if Date() >= deadline { break }
            usleep(50_000)
        }
        throw PeerError("timed out waiting for \(format) == \(value) (last: \(last)); screen:\n" + Self.dump(capture()))
    }

    static func dump(_ screen: [String]) -> String {
        screen.enumerated().map { String(format: "%2d|", $0.offset) + $0.element }.joined(separator: "\n")
    }

    /// Pids of the processes below the pane's shell whose command name is `name`.
    func descendants(named name: String) -> [pid_t] {
        guard let root = pid_t(display("#{pane_pid}")) else { return [] }
        var parents: [pid_t: pid_t] = [:]
        var names: [pid_t: String] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for e in entries {
            guard let pid = pid_t(e), let stat = try? String(contentsOfFile: "/proc/\(e)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
            names[pid] = String(stat[stat.index(after: open)..<close])
            let rest = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            if rest.count > 1, let ppid = pid_t(rest[1]) { parents[pid] = ppid }
        }
        return names.compactMap { pid, n -> pid_t? in
            guard n == name else { return nil }
            var p = parents[pid]
            while let q = p, q > 1 {
                if q == root { return pid }
                p = parents[q]
            }
            return nil
        }
    }
}

/// Spawns `path` with a clean signal mask and default signal handlers, stdin /dev/null, stdout
/// and stderr on `output`, no other descriptors; waits for it; returns its exit status.
func spawnAndWait(_ path: String, _ argv: [String], environment: [String: String], output: Int32) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, output, 1)
    posix_spawn_file_actions_adddup2(&actions, output, 2)
    // glibc ≥ 2.34 has posix_spawn_file_actions_addclosefrom_np; Swift does not import it.
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
        _ = unsafeBitCast(sym, to: CloseFrom.self)(&actions, 3)
    }
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attr, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for sig in 1..<32 where sig != SIGKILL && sig != SIGSTOP { sigaddset(&defaults, Int32(sig)) }
    posix_spawnattr_setsigdefault(&attr, &defaults)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (cArgs + cEnv).forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, &attr, cArgs, cEnv)
    guard rc == 0 else { throw PeerError("posix_spawn \(path): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS, which Swift does not import.
    return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
}

/// Quotes a word for `sh`.
func shellQuote(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Display columns of `text` as a UTF-8 terminal shows it (East Asian wide and emoji = 2,
/// combining marks = 0). Enough for the characters these tests use.
func displayWidth(_ text: Substring) -> Int {
    var w = 0
    for s in text.unicodeScalars {
        let v = s.value
        switch v {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: break
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            w += 2
        default:
            w += 1
        }
    }
    return w
}

func displayWidth(_ text: String) -> Int { displayWidth(text[...]) }

/// The display column where `needle` starts in `line`, or nil.
func displayColumn(of needle: String, in line: String) -> Int? {
    guard let r = line.range(of: needle) else { return nil }
    return displayWidth(line[..<r.lowerBound])
}
