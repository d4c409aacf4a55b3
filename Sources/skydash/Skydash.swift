import ArgumentParser

@main
struct Skydash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skydash",
        abstract: "A terminal dashboard for take-out order notifications over WebSocket.",
        subcommands: [Demo.self, Connect.self, Replay.self, Serve.self, AutobahnClient.self]
    )
}
