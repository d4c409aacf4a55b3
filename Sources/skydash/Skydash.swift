import ArgumentParser

@main
struct Skydash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skydash",
        abstract: "A terminal dashboard for take-out order notifications over WebSocket.",
        subcommands: [Connect.self, Replay.self, AutobahnClient.self]
    )
}
