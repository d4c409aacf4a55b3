import Foundation
import Session

/// A key press, already decoded by the terminal backend.
public enum Key: Sendable, Equatable, Hashable {
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab
    /// A printable character (may be a whole CJK/emoji cluster).
    case char(Character)
    /// Ctrl + a letter, e.g. `.ctrl("c")`.
    case ctrl(Character)
}

/// Everything that can change the dashboard state.
public enum Event: Sendable, Equatable {
    /// Something happened on the session (live, replayed or demo). Its `at` is the event clock.
    case session(TimedEvent)
    case key(Key)
    /// A timer fired. Use the same clock as the session events (wall clock live, recorded clock
    /// in replay): ticks deliver deferred bells and advance flash/countdown state.
    case tick(Date)
    /// The terminal was resized.
    case resize(cols: Int, rows: Int)
    /// The admin API answered a request (or the login), at `at` on the event clock.
    case admin(AdminAnswer, at: Date)
    /// The replay's transport changed (speed, pause, progress, recorded clock), as its source reports.
    case replay(ReplayInfo)
    /// The terminal shows the state as it is now (the loop sends it after each terminal update).
    case shown
}
