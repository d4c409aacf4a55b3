import ArgumentParser
import Foundation
import Journal

/// `--journal PATH` / `--no-journal`, and the writer they make.
struct JournalOptions: ParsableArguments {
    @Option(help: "Journal file to append to (default: journal-YYYY-MM-DD.jsonl under $XDG_STATE_HOME/skydash/, else ~/.local/state/skydash/).")
    var journal: String?

    @Flag(name: .customLong("no-journal"), help: "Do not write a journal.")
    var noJournal = false

    func validate() throws {
        if journal != nil && noJournal { throw ValidationError("--journal and --no-journal exclude each other") }
    }

    /// The writer (nil with --no-journal or when no directory can be named), and a warning to show
    /// when the journal cannot be written: the session goes on without it.
    func makeWriter(environment: [String: String] = ProcessInfo.processInfo.environment) -> (JournalWriter?, String?) {
        let config = (try? UserConfig.load(environment: environment)) ?? nil
        if noJournal || (journal == nil && config?.bool("no-journal") == true) { return (nil, nil) }
        if let path = journal ?? UserConfig.path("journal", in: config, environment: environment) { return Self.open(.file(path: path)) }
        guard let dir = JournalWriter.defaultDirectory(environment: environment) else {
            return (nil, "journal: no directory for it (neither XDG_STATE_HOME nor HOME is set); messages are not being saved")
        }
        return Self.open(.daily(directory: dir))
    }

    /// A writer ready for its first record, or the writer and the warning why it cannot write.
    static func open(_ destination: JournalWriter.Destination) -> (JournalWriter?, String?) {
        let writer = JournalWriter(destination)
        do {
            try writer.prepare()
            return (writer, nil)
        } catch {
            return (writer, EventPipeline.warning(error))
        }
    }
}
