import ArgumentParser
import Foundation

@main
struct Skydash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skydash",
        abstract: "A terminal dashboard for take-out order notifications over WebSocket.",
        version: BuildVersion.text,
        subcommands: [Demo.self, Connect.self, Replay.self, Serve.self, AutobahnClient.self]
    )

    /// A parent may start us with signals blocked (an inherited mask, as some test runners and
    /// supervisors do): unblock the ones skydash handles, so SIGTERM and friends always work.
    static func main() {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCHLD] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        main(nil)
    }
}
