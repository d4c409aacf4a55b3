import ArgumentParser
import Foundation

@main
struct Skydash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skydash",
        abstract: "A terminal dashboard for take-out order notifications over WebSocket.",
        version: BuildVersion.text,
        subcommands: [Demo.self, Connect.self, Replay.self, Serve.self, AutobahnClient.self,
                      Login.self, OrdersCommand.self, OrderCommand.self, Shop.self, Config.self]
    )

    /// A parent may start us with signals blocked (an inherited mask, as some test runners and
    /// supervisors do): unblock the ones skydash handles, so SIGTERM and friends always work.
    static func main() {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCHLD] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        // A reader that goes away (`| head`) is an EPIPE to handle, not a signal that kills us
        // before the session is closed.
        signal(SIGPIPE, SIG_IGN)
        main(defaultArguments(CommandLine.arguments.dropFirst(), environment: ProcessInfo.processInfo.environment))
    }

    /// `skydash` alone opens the dashboard when the config file names a `url` (or is bad: then
    /// `connect` reports it); otherwise the arguments as given (no arguments: the help).
    static func defaultArguments(_ arguments: ArraySlice<String>, environment: [String: String]) -> [String]? {
        guard arguments.isEmpty else { return nil }
        do {
            guard try UserConfig.load(environment: environment)?.string("url") != nil else { return nil }
        } catch {}
        return ["connect"]
    }
}
