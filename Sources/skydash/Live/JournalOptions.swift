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
        Self.makeWriter(path: journal, disabled: noJournal, enabledByDefault: true, environment: environment)
    }

    static func makeWriter(path journal: String?, disabled: Bool, enabledByDefault: Bool,
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> (JournalWriter?, String?) {
        if disabled { return (nil, nil) }
        let destination: JournalWriter.Destination
        if let journal {
            destination = .file(path: journal)
        } else if !enabledByDefault {
            return (nil, nil)
        } else if let dir = JournalWriter.defaultDirectory(environment: environment) {
            destination = .daily(directory: dir)
        } else {
            return (nil, "journal: no directory for it (neither XDG_STATE_HOME nor HOME is set); messages are not being saved")
        }
        let writer = JournalWriter(destination)
        do {
            try writer.prepare()
            return (writer, nil)
        } catch {
            return (writer, SessionJournal.warning(error))
        }
    }
}
