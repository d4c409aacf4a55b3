import Dashboard
import Foundation
import Terminal
import Themes

/// Opens the terminal, runs the dashboard loop on this thread with `source`, restores the
/// terminal on every way out (q, SIGINT, SIGTERM, SIGHUP, an error opening the screen).
enum DashboardRunner {
    /// Returns the process exit code. `backend` is the admin API (nil: none configured; a replay
    /// gets the read-only one).
    static func run(source: SessionSource, url: String, options: DashboardOptions, theme: Theme,
                    replay: ReplayInfo? = nil, backend: (any OrderBackend)? = nil, noBackendReason: String? = nil) -> Int32 {
        let utf8 = prepareLocale()
        let inbox = Inbox()
        // Installed before ncurses starts, so ncurses leaves these signals to us.
        let trap = SignalTrap(signals: [SIGINT, SIGTERM, SIGHUP]) { sig in inbox.post(.signal(sig)) }
        let winch = SignalTrap(signals: [SIGWINCH]) { _ in inbox.post(.resized) }
        defer { _ = (trap, winch) }

        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(useColor: theme.usesColor)
        } catch {
            StandardError.line("\(error)")
            return ExitCodes.badInput
        }
        let resolved = ResolvedTheme.forTerminal(theme, colorCount: screen.colorCount)
        screen.appearance = { resolved.resolve($0) }
        let backend = backend ?? (replay != nil ? ReplayOrderBackend() : nil)
        let access = backend?.access ?? .none(reason: noBackendReason ?? "no admin API configured")
        let executor = backend.map { AdminRequestExecutor(backend: $0) { answer, at in inbox.post(.admin(answer, at: at)) } }
        let state = State(url: url, bellMuted: options.bellOff(), maxRetainedOrders: options.maxOrders, replay: replay,
                          admin: access, alerts: options.alertTimings)
        var adminRequests: ((AdminRequest) -> Void)?
        if let executor { adminRequests = { executor.perform($0) } }
        let loop = DashboardLoop(state: state, screen: screen, source: source,
                                 options: ViewOptions(asciiOnly: !utf8), inbox: inbox, adminRequests: adminRequests,
                                 meter: FrameMeter(environment: ProcessInfo.processInfo.environment))
        executor?.start()
        let signal = loop.run()
        screen.end()
        if let signal, signal == SIGHUP { return 129 }
        if case .failed(let reason) = loop.state.status {
            StandardError.line("failed: \(reason)")
            return ExitCodes.connectionFailed
        }
        return ExitCodes.ok
    }
}
