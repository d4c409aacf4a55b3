// Dashboard — the pure core of skydash's TUI (Elm architecture). No I/O, no threads, no ncurses.
//
// A runtime drives it like this:
//
//     var state = State(url: url, bellMuted: noBell)           // token-bearing URLs are redacted
//     _ = update(&state, .resize(cols: cols, rows: rows))
//     loop {
//         // wait for input / network / timer; the timer is nextDeadline(state, now: now)
//         for event in pending {                                 // .session(TimedEvent), .key(Key), .tick(Date), .admin(answer, at:)
//             for effect in update(&state, event) { perform(effect) } // ringBell, sendText, closeSession, reconnect, quit, replay,
//         }                                                          // admin(request) → answer posted back later, journal(event)
//         let canvas = view(state, now: now, width: cols, height: rows, options: ViewOptions(asciiOnly: !utf8))
//         backend.draw(canvas)                                   // canvas.forEachCell; canvas.cursor
//     }
//
// Time comes only from events: `TimedEvent.at` and `.tick(date)` must use one clock (the wall clock
// live, the recorded clock in replay). Bell rate limiting and flash phases are computed from it.
//
// Files: Text/ (Canvas, Style, TextWidth, Sanitizer), Model/ (State, OrderRow, AdminState,
// ConnectionStatus, MessageEntry, TextCap, RingBuffer, URLRedaction), Event, Effect, AdminAPI (requests,
// answers, failures), Update, AdminUpdate (details/statistics/answers), OrderKeys (a x X d f S B),
// Deadline, View, ViewOrders (admin header line, detail pane, reason picker, today's figures),
// Layout/ (Layout, Columns, Format, OrderFormat, Glyphs).
