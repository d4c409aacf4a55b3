import CNcursesw
import Dashboard
import Foundation
import Themes

/// Why the terminal could not be opened.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The thin ncurses (ncursesw, wide-character API) backend: copies a `Canvas` to the terminal,
/// reads keys, rings the bell. Not thread-safe, like ncurses itself: the thread that created it
/// is the only one that may call it.
public final class NcursesScreen: TerminalScreen {
    /// Whether the locale's character set is UTF-8. When false the view is drawn ASCII-only.
    public let isUTF8: Bool
    /// Colours the terminal offers (0 when it has none or colour is off).
    public private(set) var colorCount = 0
    /// How a style looks; set once the colour count is known (a theme resolved for it).
    public var appearance: (Style) -> TerminalStyle = { TerminalStyle(attributes: TerminalAttributes($0.flags)) } {
        didSet { appearanceCache.removeAll(); lastLook = nil; shown = nil }
    }

    private var appearanceCache: [Style: (attrs: attr_t, pair: Int16)] = [:]
    private var lastLook: (style: Style, look: (attr_t, Int16))?
    /// The last canvas handed to ncurses (nil after `invalidate`): rows equal to it are skipped.
    private var shown: Canvas?
    private var pairs: [PairKey: Int16] = [:]
    private var screen: OpaquePointer?
    private var ended = false
    private let outputFD: Int32

    private struct PairKey: Hashable { let fg: Int; let bg: Int }

    /// Opens the terminal on stdin/stdout. Call `setlocale` first (see `prepareLocale`).
    public init(useColor: Bool = true) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError("the dashboard needs a terminal on stdin and stdout (use --headless for scripts)")
        }
        isUTF8 = skd_is_utf8_locale() != 0
        outputFD = STDOUT_FILENO
        TerminalRestore.saveTerminalModes()
        guard let term = skd_newterm() else {
            let name = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError("cannot open the terminal (TERM=\(name)): unknown or unusable terminal type")
        }
        guard skd_can_address_cursor() != 0 else {
            endwin()
            delscreen(term)
            let name = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError("TERM=\(name) cannot run the dashboard (no cursor addressing): use --headless for one line per event")
        }
        screen = term
        _ = set_term(term)
        cbreak()
        noecho()
        nonl()
        TerminalRestore.disableFlowControl()
        _ = keypad(skd_stdscr(), true)
        _ = nodelay(skd_stdscr(), true)
        set_escdelay(25)
        _ = curs_set(0)
        if useColor, has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(skd_colors())
        }
        TerminalRestore.armCrashRestore()
    }

    deinit { end() }

    /// The terminal's current size.
    public var size: (cols: Int, rows: Int) { (Int(skd_cols()), Int(skd_lines())) }

    /// Tells ncurses the terminal has a new size (after SIGWINCH) and returns it.
    @discardableResult
    public func refreshSize() -> (cols: Int, rows: Int) {
        var ws = winsize()
        if ioctl(outputFD, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 {
            _ = resizeterm(Int32(ws.ws_row), Int32(ws.ws_col))
        }
        return size
    }

    /// Copies the canvas to the screen; ncurses sends only what changed. Rows equal to the last
    /// canvas drawn at the same size are not handed to ncurses again (a streamed order changes a
    /// few rows of forty; copying every cell cost most of a draw).
    public func draw(_ canvas: Canvas) {
        let (cols, rows) = size
        let h = min(rows, canvas.height)
        let w = min(cols, canvas.width)
        let previous = shown.flatMap { $0.width == canvas.width && $0.height == canvas.height
            && canvas.width == cols && canvas.height == rows ? $0 : nil }
        var buffer = [wchar_t](repeating: 0, count: 6)
        for y in 0..<h {
            if let previous, previous.rowEquals(canvas, y) { continue }
            var x = 0
            while x < w {
                if canvas.isContinuation(x: x, y: y) { x += 1; continue }
                var span = 1
                while x + span < canvas.width, canvas.isContinuation(x: x + span, y: y) { span += 1 }
                let (attrs, pair) = look(canvas.style(x: x, y: y))
                // One scalar (nearly every cell) without making a String; a longer cluster as text.
                if let scalar = canvas.scalar(x: x, y: y) {
                    put(CollectionOfOne(scalar), span: min(span, w - x), y: y, x: x, attrs: attrs, pair: pair, buffer: &buffer)
                } else {
                    put(canvas[x, y].text.unicodeScalars, span: min(span, w - x), y: y, x: x, attrs: attrs, pair: pair,
                        buffer: &buffer)
                }
                x += span
            }
            if w < cols {
                _ = wmove(skd_stdscr(), Int32(y), Int32(w))
                _ = wclrtoeol(skd_stdscr())
            }
        }
        if h < rows {
            _ = wmove(skd_stdscr(), Int32(h), 0)
            _ = wclrtobot(skd_stdscr())
        }
        if let c = canvas.cursor, c.x < cols, c.y < rows {
            _ = wmove(skd_stdscr(), Int32(c.y), Int32(c.x))
            _ = curs_set(1)
        } else {
            _ = curs_set(0)
        }
        _ = wnoutrefresh(skd_stdscr())
        _ = doupdate()
        shown = canvas
    }

    /// Throws away what ncurses believes is on screen and repaints everything next `draw`.
    public func invalidate() {
        shown = nil
        _ = clearok(skd_stdscr(), true)
    }

    /// Rings the terminal bell: BEL written to the terminal, so it passes through ssh and tmux.
    public func bell(times: Int) {
        guard times > 0 else { return }
        let bytes = [UInt8](repeating: 0x07, count: min(times, 3))
        _ = bytes.withUnsafeBytes { write(outputFD, $0.baseAddress, $0.count) }
    }

    /// Polls stdin and `wakeFD`. A hang-up or error on stdin (an ssh drop without SIGHUP reaching
    /// us) means the terminal is gone.
    public func waitForInput(wakeFD: Int32, timeoutMS: Int32) -> Bool {
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&fds, nfds_t(fds.count), timeoutMS)
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }

    /// Every key waiting on stdin, and ncurses' resize, as events (does not block).
    public func pendingInput() -> [Event] {
        var input: [Event] = []
        var ch: wint_t = 0
        while true {
            let r = wget_wch(skd_stdscr(), &ch)
            if r == ERR { break }
            if r == KEY_CODE_YES, Int32(ch) == skd_key_resize() {
                let s = size
                input.append(.resize(cols: s.cols, rows: s.rows))
                continue
            }
            if let key = decodeKey(code: UInt32(ch), isFunctionKey: r == KEY_CODE_YES) {
                input.append(.key(key))
            }
            if input.count >= 512 { break }
        }
        return input
    }

    /// Restores the terminal (leaves the alternate screen, shows the cursor). Safe to call twice.
    public func end() {
        guard !ended else { return }
        ended = true
        _ = curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        // endwin put back the modes ncurses saved at start; the ones saved before it, to be sure
        // (XON/XOFF flow control included, which the dashboard turned off).
        TerminalRestore.restoreSavedModes()
        TerminalRestore.disarmCrashRestore()
    }

    // MARK: - Drawing helpers

    private func look(_ style: Style) -> (attr_t, Int16) {
        // Cells of one style come in runs: the last answer first, then the cache.
        if let last = lastLook, last.style == style { return last.look }
        if let hit = appearanceCache[style] {
            lastLook = (style, (hit.attrs, hit.pair))
            return hit
        }
        let a = appearance(style)
        var attrs = skd_a_normal()
        if a.attributes.contains(.bold) { attrs |= skd_a_bold() }
        if a.attributes.contains(.underline) { attrs |= skd_a_underline() }
        if a.attributes.contains(.reverse) { attrs |= skd_a_reverse() }
        if a.attributes.contains(.dim) { attrs |= skd_a_dim() }
        if a.attributes.contains(.blink) { attrs |= skd_a_blink() }
        if a.attributes.contains(.standout) { attrs |= skd_a_standout() }
        if a.attributes.contains(.italic) { attrs |= skd_a_italic() }
        let pair = pairNumber(fg: a.fg, bg: a.bg)
        appearanceCache[style] = (attrs, pair)
        lastLook = (style, (attrs, pair))
        return (attrs, pair)
    }

    private func pairNumber(fg: Int?, bg: Int?) -> Int16 {
        guard colorCount > 0, fg != nil || bg != nil else { return 0 }
        let f = fg.map { $0 < colorCount ? $0 : -1 } ?? -1
        let b = bg.map { $0 < colorCount ? $0 : -1 } ?? -1
        if f == -1 && b == -1 { return 0 }
        let key = PairKey(fg: f, bg: b)
        if let p = pairs[key] { return p }
        let next = pairs.count + 1
        guard next < Int(skd_color_pairs()), next < Int(Int16.max) else { return 0 }
        _ = init_pair(Int16(next), Int16(f), Int16(b))
        pairs[key] = Int16(next)
        return Int16(next)
    }

    /// Puts one grapheme occupying `span` columns. If libc's idea of its width differs from the
    /// view's, the view wins: a narrower glyph is padded with spaces, a wider or unprintable one
    /// becomes `?` so the columns after it never shift.
    private func put<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars, span: Int, y: Int, x: Int, attrs: attr_t,
                                                           pair: Int16, buffer: inout [wchar_t]) {
        // One printable ASCII scalar (most cells): wcwidth is 1.
        if span == 1, scalars.count == 1, let b = scalars.first?.value, b >= 0x20, b < 0x7F {
            buffer[0] = wchar_t(b); buffer[1] = 0
            _ = skd_put_cell(Int32(y), Int32(x), buffer, attrs, pair)
            return
        }
        var drawn = 0
        if let first = scalars.first {
            if first.isASCII || isUTF8 {
                let libcWidth = Int(wcwidth(wchar_t(first.value)))
                if libcWidth >= 1, libcWidth <= span {
                    var n = 0
                    for s in scalars.prefix(buffer.count - 1) { buffer[n] = wchar_t(s.value); n += 1 }
                    buffer[n] = 0
                    if skd_put_cell(Int32(y), Int32(x), buffer, attrs, pair) == ERR, n > 1 {
                        buffer[1] = 0
                        _ = skd_put_cell(Int32(y), Int32(x), buffer, attrs, pair)
                    }
                    drawn = libcWidth
                }
            }
        }
        if drawn == 0 {
            buffer[0] = wchar_t(UInt8(ascii: "?")); buffer[1] = 0
            _ = skd_put_cell(Int32(y), Int32(x), buffer, attrs, pair)
            drawn = 1
        }
        while drawn < span {
            buffer[0] = 0x20; buffer[1] = 0
            _ = skd_put_cell(Int32(y), Int32(x + drawn), buffer, attrs, pair)
            drawn += 1
        }
    }
}

/// `setlocale(LC_ALL, "")`, so ncursesw and wcwidth know the terminal's character set.
/// Returns whether it is UTF-8.
@discardableResult
public func prepareLocale() -> Bool {
    setlocale(LC_ALL, "")
    return skd_is_utf8_locale() != 0
}
