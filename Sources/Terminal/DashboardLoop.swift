import Dashboard
import Foundation
import Session

/// The dashboard's run loop, on the one thread that owns the terminal.
///
/// Each turn: sleep in the screen's `waitForInput` (stdin and the inbox's wake pipe) until input, a posted event, or
/// the next deadline (`nextDeadline`: flash phase, countdowns, deferred bell; or the source's next
/// replay record); then apply every queued event through `update`, carry out the effects, and
/// render the `Canvas` once. A burst of thousands of notifications costs one render, and keys are
/// read every turn. The terminal is updated from the latest canvas within a frame budget (a token
/// bucket, `framesPerSecond`); a key updates it at once.
public final class DashboardLoop {
    public private(set) var state: State
    private let screen: any TerminalScreen
    private let source: SessionSource
    private let options: ViewOptions
    private let inbox: Inbox
    /// Carries out admin API requests; answers come back through the inbox. Nil: no admin API.
    private let adminRequests: ((AdminRequest) -> Void)?
    private var quitting = false
    /// The state changed since the last canvas was rendered.
    private var dirty = true
    /// The last canvas rendered, and whether the terminal has not shown it yet.
    private var canvas: Canvas?
    private var unshown = false
    /// Terminal updates the loop may make now (a token bucket: `framesPerSecond` a second, at most
    /// 2 saved). Streamed changes draw only with 2 in hand and so always leave one for a key, which
    /// draws at once; together they stay within `framesPerSecond`.
    private var frameTokens = 2.0
    private var tokensAt = Date.distantPast
    /// When what is on screen changes by itself (flash phase, countdown, uptime): `nextDeadline`
    /// at the last render. A timer tick renders again only from then on.
    private var redrawDue: Date?
    /// At most this many queued events are applied before the screen is drawn and keys are read.
    private let batchLimit = 4096
    /// Terminal updates a second at most, keys included (keys draw at once).
    private let framesPerSecond = 60.0
    /// Returns the heap freed by a burst to the system (every 10,000 events, when the inbox is empty).
    private var trim = MemoryTrim(every: 10_000)
    /// The wall clock (a `TestScreen`'s clock in tests).
    private let clock: () -> Date
    /// Bench-only figures (`SKYDASH_BENCH_FRAMES`); nil otherwise.
    private let meter: FrameMeter?

    public init(state: State, screen: any TerminalScreen, source: SessionSource, options: ViewOptions, inbox: Inbox,
                adminRequests: ((AdminRequest) -> Void)? = nil, clock: @escaping () -> Date = Date.init,
                meter: FrameMeter? = nil) {
        self.meter = meter
        self.adminRequests = adminRequests
        self.clock = clock
        self.state = state
        self.screen = screen
        self.source = source
        self.options = options
        self.inbox = inbox
    }

    /// Runs until `q`, a signal, or the source ends the program. Returns the signal that ended it, if any.
    @discardableResult
    public func run() -> Int32? {
        var endingSignal: Int32?
        let size = screen.size
        _ = update(&state, .resize(cols: size.cols, rows: size.rows))
        source.start(post: { [inbox] event in inbox.post(.session(event)) })
        while !quitting {
            let now = clock()
            let deadline = nextDeadline(state, now: now)
            render(now: now, deadline: deadline)
            show(now: now, force: false)
            if !screen.waitForInput(wakeFD: inbox.wakeFD, timeoutMS: pollTimeout(now: now, deadline: deadline)) {
                quitting = true   // the terminal went away (ssh drop without SIGHUP): leave cleanly
            }

            let batch = inbox.take(limit: batchLimit)
            _ = trim.drained(after: batch.count, queueEmpty: batch.count < batchLimit)
            for item in batch {
                switch item {
                case .session(let timed):
                    apply(.session(timed))
                    meter?.applied(at: timed.at, end: Date())
                case .admin(let answer, let at):
                    apply(.admin(answer, at: at))
                case .signal(let sig):
                    endingSignal = sig
                    quitting = true
                case .resized:
                    let s = screen.refreshSize()
                    screen.invalidate()
                    apply(.resize(cols: s.cols, rows: s.rows))
                }
            }
            var typed = false
            for input in screen.pendingInput() {
                typed = true
                apply(input)
                if quitting { break }
            }
            let after = clock()
            for timed in source.pump(now: after) {
                apply(.session(timed))
                meter?.applied(at: timed.at, end: Date())
            }
            if let info = source.replayInfo, info != state.replay { apply(.replay(info)) }
            tick(after)
            if typed {
                let t = clock()
                render(now: t, deadline: nextDeadline(state, now: t))
                show(now: t, force: true)
            }
        }
        source.shutdown()
        meter?.finish()
        return endingSignal
    }

    private func apply(_ event: Event) {
        perform(update(&state, event))
        dirty = true
    }

    /// A timer tick delivers deferred bells; it redraws only when the screen's time-dependent
    /// parts are due, so an idle dashboard does not repaint every wake-up.
    private func tick(_ now: Date) {
        perform(update(&state, .tick(now)))
        if let due = redrawDue, now >= due { dirty = true }
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .ringBell(let times):
                screen.bell(times: times)
            case .quit:
                quitting = true
            case .sendText, .closeSession, .reconnect, .replay, .journal:
                if let command = SessionCommand(effect) { source.perform(command) }
            case .admin(let request):
                adminRequests?(request)
            }
        }
    }

    /// Renders the state into a canvas when it changed; the terminal is updated by `show`.
    private func render(now: Date, deadline: Date?) {
        guard dirty else { return }
        let s = screen.size
        let start = meter == nil ? now : Date()
        canvas = view(state, now: now, width: s.cols, height: s.rows, options: options)
        if let meter { meter.rendered(start: start, end: Date()) }
        redrawDue = deadline
        dirty = false
        unshown = true
    }

    /// Updates the terminal from the last canvas if it has not been shown and the frame budget
    /// allows: a key (`force`) needs one token, streamed changes two (one is left for a key).
    private func show(now: Date, force: Bool) {
        guard unshown, let canvas else { return }
        refillTokens(now)
        guard frameTokens >= (force ? 1 : 2) else { return }
        screen.draw(canvas)
        meter?.drew(end: Date())
        frameTokens -= 1
        unshown = false
        // The canvas is the state as it is (rendered since the last change): the merchant can
        // see the selection now. Not a change to draw.
        perform(update(&state, .shown))
    }

    private func refillTokens(_ now: Date) {
        let elapsed = max(0, now.timeIntervalSince(tokensAt))
        frameTokens = min(2, frameTokens + elapsed * framesPerSecond)
        tokensAt = now
    }

    /// Milliseconds to sleep: until the next deadline, a canvas waiting for the frame budget, or at most 1 s.
    private func pollTimeout(now: Date, deadline: Date?) -> Int32 {
        var wake = now.addingTimeInterval(1)
        if let d = deadline, d < wake { wake = d }
        if let d = source.nextDue(now: now), d < wake { wake = d }
        if unshown {
            refillTokens(now)
            wake = min(wake, now.addingTimeInterval(max(0, 2 - frameTokens) / framesPerSecond))
        }
        let ms = wake.timeIntervalSince(now) * 1000
        return Int32(max(0, min(1000, ms.rounded(.up))))
    }
}
