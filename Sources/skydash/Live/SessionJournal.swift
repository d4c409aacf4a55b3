import Foundation
import Journal
import NIOCore
import Session

/// The journal as both live front ends use it: every event is appended before it is shown, a 1 s
/// timer syncs the tail of a quiet spell (appends fsync at most once a second), and a failure
/// becomes one warning line while the session goes on.
final class SessionJournal: Sendable {
    private let writer: JournalWriter
    private let syncer: RepeatedTask

    init(writer: JournalWriter, on loop: any EventLoop) {
        self.writer = writer
        syncer = loop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            try? writer.flush()
        }
    }

    /// Appends `event`; returns the warning to show when the journal could not take it.
    func record(_ event: TimedEvent) -> String? {
        writer.append(event).map(Self.warning)
    }

    /// Stops the timer and syncs what was written.
    func stop() {
        syncer.cancel()
        try? writer.flush()
    }

    static func warning(_ error: JournalError) -> String {
        "\(error.description); messages are not being saved"
    }
}
