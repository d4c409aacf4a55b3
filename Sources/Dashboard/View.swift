import Foundation
import Session

/// How to draw: character set and time zone.
public struct ViewOptions: Sendable, Equatable {
    /// For non-UTF-8 locales: ASCII borders/markers, server text reduced to ASCII.
    public var asciiOnly: Bool
    /// Time zone of the HH:mm:ss columns.
    public var timeZone: TimeZone
    public var appName: String

    public init(asciiOnly: Bool = false, timeZone: TimeZone = .current, appName: String = "skydash") {
        self.asciiOnly = asciiOnly
        self.timeZone = timeZone
        self.appName = appName
    }

    public var glyphs: Glyphs { asciiOnly ? .ascii : .unicode }
}

/// Draws the whole screen for `state` at time `now`. Pure. Every piece of server-provided text
/// goes through `Sanitizer` before it reaches the canvas.
public func view(_ state: State, now: Date, width: Int, height: Int,
                 options: ViewOptions = ViewOptions()) -> Canvas {
    var r = Renderer(state: state, now: now, options: options,
                     layout: Layout.compute(width: width, height: height, state: state),
                     canvas: Canvas(width: width, height: height),
                     clocks: ClockFormatter(timeZone: options.timeZone))
    r.draw()
    return r.canvas
}

struct Renderer {
    let state: State
    let now: Date
    let options: ViewOptions
    let layout: Layout
    var canvas: Canvas

    var g: Glyphs { options.glyphs }
    var sanitizer: Sanitizer { Sanitizer(asciiOnly: options.asciiOnly) }
    var width: Int { layout.width }
    /// HH:mm:ss in the options' time zone: the calendar work once per local day, not per row.
    let clocks: ClockFormatter

    mutating func draw() {
        guard width > 0, layout.height > 0 else { return }
        if layout.tooSmall {
            drawTooSmall()
            return
        }
        drawHeader()
        if let y = layout.bannerRow { drawBanner(y) }
        switch state.screen {
        case .orders:
            drawOrders()
            drawPane()
        case .messages:
            drawMessagesScreen()
        }
        drawBottom()
        switch state.mode {
        case .help: drawHelp()
        case .pickReason(let picker): drawReasonPicker(picker)
        case .businessData: drawBusinessData()
        default: break
        }
    }

    // MARK: too small

    mutating func drawTooSmall() {
        let text = TextWidth.truncate("terminal too small \(g.dash) need \(Layout.minWidth)\(g.times)\(Layout.minHeight)",
                                      toWidth: width, ellipsis: g.ellipsis)
        let w = TextWidth.width(text)
        canvas.put(text, x: max(0, (width - w) / 2), y: layout.height / 2, maxWidth: width, style: Style(.error, .bold))
    }

    // MARK: header

    mutating func drawHeader() {
        let hs = Style(.header)
        canvas.fill(y: 0, width: width, height: layout.headerRows.count, style: hs)
        var x = canvas.put(" \(options.appName) ", x: 0, y: 0, style: Style(.header, .bold))
        let status = Format.status(state.status, now: now, glyphs: g, sanitizer: sanitizer)
        x += canvas.put(TextWidth.truncate(status, toWidth: width - x, ellipsis: g.ellipsis), x: x, y: 0,
                        style: Style(state.status.role, .bold))
        if x + 2 < width, !state.url.isEmpty {
            let url = sanitizer.sanitize(state.url)
            canvas.put(TextWidth.truncate(url, toWidth: width - x - 2, ellipsis: g.ellipsis), x: x + 2, y: 0, style: hs)
        }
        let counts = TextWidth.truncate(countsText(), toWidth: width - 1, ellipsis: g.ellipsis)
        let end = 1 + canvas.put(counts, x: 1, y: 1, style: hs)
        if let problem = state.lastProblem, end + 4 < width {
            let text = "\(g.warn) " + sanitizer.sanitize(problem)
            canvas.put(TextWidth.truncate(text, toWidth: width - end - 3, ellipsis: g.ellipsis), x: end + 2, y: 1,
                       style: Style(.error, .bold))
        }
        if layout.headerRows.count > 2 { drawAdminLine(y: 2) }
    }

    func countsText() -> String {
        let c = state.counters
        let unacked = state.unacknowledgedCount
        let bell = state.bellMuted ? "off" : "on"
        let reRingOff = state.alerts.reRing <= 0
        var parts: [String]
        parts = ["orders \(c.orders)", "unacked \(unacked)", "reminders \(c.reminders)",
                 "errors \(c.undecodable)", "bell \(bell)" + (reRingOff ? ", re-ring off" : "")]
        let over = state.overCap
        if over > 0 { parts.insert("\(over) unacked kept over --max-orders", at: 2) }
        if c.found > 0 { parts.insert("found \(c.found)", at: 1) }
        if c.deafSessions > 0 { parts.insert("deaf \(c.deafSessions)", at: 1) }
        let long = parts.joined(separator: g.dot) + replayText(sep: g.dot)
        // The short form when the long one would be cut (narrow terminals, the replay's extra text).
        if width >= 60 && TextWidth.width(long) <= width - 1 { return long }
        parts = ["ord \(c.orders)", "unack \(unacked)", "rem \(c.reminders)", "err \(c.undecodable)",
                 "bell \(bell)" + (reRingOff ? " no-rering" : "")]
        if over > 0 { parts.insert("+\(over) kept", at: 2) }
        return parts.joined(separator: " ") + replayText(sep: " ")
    }

    func replayText(sep: String) -> String {
        guard let r = state.replay else { return "" }
        var s = sep + "REPLAY \(g.times)\(Self.speed(r.speed))"
        if let recorded = r.recordedClock { s += " @" + Format.clock(recorded, formatter: clocks) }
        if r.paused { s += " paused" }
        if r.finished { s += " done" }
        if let p = r.progress { s += " \(Int((max(0, min(1, p)) * 100).rounded(.down)))%" }
        return s
    }

    static func speed(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.2g", v)
    }

    // MARK: banner

    mutating func drawBanner(_ y: Int) {
        guard let (first, activeCount) = state.reminderBanner else { return }
        let on = state.flashOn(at: now)
        let style = Style(on ? .flash : .banner, .bold)
        canvas.fill(y: y, width: width, style: style)
        var text = " \(g.warn) \(options.asciiOnly ? "" : "催单 ")REMINDER: order \(first.orderId) \(g.times)\(first.reminders)"
        if activeCount > 1 { text += " (+\(activeCount - 1) more)" }
        text += " \(g.dash) Enter acknowledges, A all"
        canvas.put(TextWidth.truncate(text, toWidth: width, ellipsis: g.ellipsis), x: 0, y: y, style: style)
    }

    // MARK: orders

    func rowStyle(_ row: OrderRow, selected: Bool, flashOn: Bool) -> Style {
        // A selected flashing row alternates flash / selection, so the flash stays visible.
        if selected && row.isFlashing { return flashOn ? Style(.flash, .bold) : Style(.selection, .bold) }
        if selected { return Style(.selection, row.acknowledged ? [] : [.bold]) }
        if row.isFlashing { return Style(flashOn ? .flash : .reminder, .bold) }
        if let aged = ageStyle(row.ageStage(at: now, state.alerts)) { return aged }
        if !row.acknowledged { return Style(row.reminders > 0 ? .reminder : .newOrder, .bold) }
        return Style(.acknowledged)
    }

    /// The look of an aging or overdue row (and of its AGE cell, whatever the row's look).
    func ageStyle(_ stage: AgeStage) -> Style? {
        switch stage {
        case .fresh: return nil
        case .aging: return Style(.aging, .bold)
        case .overdue: return Style(.overdue, .bold)
        }
    }

    mutating func drawOrders() {
        // Only the rows on screen are read and measured: with 100,000 rows kept, copying and
        // measuring them all cost milliseconds and tens of MB per frame.
        let rows = state.listedRows
        let withOrders = !state.admin.access.isNone || state.detailedCount > 0
        let list = layout.listRows
        let scroll = visibleScroll(count: rows.count, visible: list.count)
        let shownRows = Array(rows[min(scroll, rows.count)..<min(rows.count, scroll + list.count)])
        // The age of each row shown that is aging or overdue.
        var ages: [Int64: (text: String, style: Style)] = [:]
        for row in shownRows {
            if let style = ageStyle(row.ageStage(at: now, state.alerts)) {
                ages[row.orderId] = (Format.age(row.age(at: now)), style)
            }
        }
        let ageWidth = ages.values.map { TextWidth.width($0.text) }.max() ?? 0
        let cols = OrderColumns.compute(width: width, rows: shownRows, glyphs: g, orderColumns: withOrders,
                                        ageWidth: ageWidth, shown: own)
        let ty = layout.titleRow
        let ts = Style(.border, .bold)
        canvas.fill(y: ty, width: width, style: ts)
        canvas.put("TIME", x: cols.timeX, y: ty, style: ts)
        canvas.put("ORDER ID", x: cols.idX, y: ty, maxWidth: cols.idWidth, style: ts)
        canvas.put("KIND", x: cols.kindX, y: ty, maxWidth: cols.kindWidth, style: ts)
        if cols.ageWidth > 0 { canvas.put("AGE", x: cols.ageX, y: ty, maxWidth: cols.ageWidth, style: ts) }
        if cols.statusWidth > 0 { canvas.put("STATUS", x: cols.statusX, y: ty, maxWidth: cols.statusWidth, style: ts) }
        if cols.amountWidth > 0 {
            canvas.put("AMOUNT", x: cols.amountX + cols.amountWidth - 6, y: ty, maxWidth: cols.amountWidth, style: ts)
        }
        if cols.contentWidth > 0 {
            canvas.put(withOrders ? "ORDER NO.  DISHES" : "CONTENT", x: cols.contentX, y: ty, maxWidth: cols.contentWidth, style: ts)
        }

        guard !list.isEmpty else { return }
        if rows.isEmpty {
            canvas.put("waiting for orders\(g.ellipsis)", x: 2, y: list.lowerBound, maxWidth: width - 2, style: Style(.muted))
            return
        }
        let flashOn = state.flashOn(at: now)
        for (offset, y) in list.enumerated() {
            let i = scroll + offset
            guard i < rows.count else { break }
            let row = rows[i]
            let selected = i == state.selection
            let style = rowStyle(row, selected: selected, flashOn: flashOn)
            canvas.fill(y: y, width: width, style: style)
            canvas.put(selected ? g.selected : " ", x: 0, y: y, maxWidth: 1, style: style)
            let mark = row.isFlashing ? g.flashing : (row.acknowledged ? " " : g.unacked)
            canvas.put(mark, x: 1, y: y, maxWidth: 1, style: style)
            canvas.put(Format.clock(row.lastSeen, formatter: clocks), x: cols.timeX, y: y, maxWidth: cols.timeWidth, style: style)
            canvas.put(String(row.orderId), x: cols.idX, y: y, maxWidth: cols.idWidth, style: style)
            canvas.put(Format.kind(row, compact: cols.compact, glyphs: g), x: cols.kindX, y: y, maxWidth: cols.kindWidth, style: style)
            if cols.ageWidth > 0, let age = ages[row.orderId] {
                canvas.put(age.text, x: cols.ageX, y: y, maxWidth: cols.ageWidth, style: age.style)
            }
            if cols.statusWidth > 0 {
                let status = own(Format.orderStatus(row, glyphs: g))
                canvas.put(status, x: cols.statusX, y: y, maxWidth: cols.statusWidth, style: style)
            }
            if cols.amountWidth > 0 {
                let amount = TextWidth.padLeft(own(Format.amount(row)), toWidth: cols.amountWidth)
                canvas.put(amount, x: cols.amountX, y: y, maxWidth: cols.amountWidth, style: style)
            }
            if cols.contentWidth > 0 {
                // Sanitised and cut in one go: only as much of a long text as the column shows.
                let content = withOrders ? ownWords(Format.orderLine(row, glyphs: g)) : (row.content ?? "")
                canvas.put(sanitizer.truncate(content, toWidth: cols.contentWidth, ellipsis: g.ellipsis),
                           x: cols.contentX, y: y, maxWidth: cols.contentWidth, style: style)
            }
        }
        if rows.count > list.count {
            // A scroll hint on the title row: "12-30/200".
            let hint = "\(scroll + 1)-\(min(rows.count, scroll + list.count))/\(rows.count)"
            let w = TextWidth.width(hint)
            if w + 1 < width - cols.contentX - 8 { canvas.put(hint, x: width - w - 1, y: ty, style: ts) }
        }
    }

    /// The state's scroll, re-clamped for this canvas (the state may know an older size).
    func visibleScroll(count: Int, visible: Int) -> Int {
        var s = state.scroll
        if state.selection < s { s = state.selection }
        if state.selection >= s + visible { s = state.selection - visible + 1 }
        return max(0, min(s, max(0, count - visible)))
    }

    // MARK: messages

    func logStyle(_ e: MessageEntry) -> Style {
        switch e.kind {
        case .otherJSON, .raw, .error: return Style(.error)
        case .plainText, .status, .binary: return Style(.muted)
        case .newOrder: return Style(.newOrder)
        case .reminder: return Style(.reminder)
        case .sent, .action: return Style(.normal)
        }
    }

    mutating func drawMessageEntry(_ e: MessageEntry, y: Int) {
        let style = logStyle(e)
        var x = canvas.put(Format.clock(e.at, formatter: clocks), x: 1, y: y, style: style) + 1
        let label = Format.label(e.kind)
        canvas.put(label, x: x + 1, y: y, maxWidth: 6, style: Style(style.role, .bold))
        x += 8
        guard x < width else { return }
        let text = Format.messageText(e, sanitizer: sanitizer, toWidth: width - x, ellipsis: g.ellipsis)
        canvas.put(text, x: x, y: y, style: style)
    }

    mutating func drawPane() {
        guard let sep = layout.paneSeparatorRow else { return }
        if layout.paneShowsDetails {
            drawDetailPane(separator: sep)
            return
        }
        let bs = Style(.border)
        canvas.fill(y: sep, width: width, char: g.hline, style: bs)
        let errs = state.counters.undecodable + state.counters.sessionErrors
        canvas.put(" messages & errors (\(errs) errors) \(g.dash) v: all ", x: 2, y: sep, maxWidth: width - 4, style: bs)
        let n = state.messages.count
        for (k, y) in layout.paneRows.enumerated() {
            let i = n - 1 - k
            guard i >= 0 else { break }
            drawMessageEntry(state.messages[i], y: y)
        }
    }

    mutating func drawMessagesScreen() {
        let ty = layout.titleRow
        let ts = Style(.border, .bold)
        canvas.fill(y: ty, width: width, style: ts)
        let title = "RAW SERVER MESSAGES & ERRORS \(g.dash) \(state.messages.count) kept, newest first \(g.dash) v/tab: orders"
        canvas.put(TextWidth.truncate(title, toWidth: width - 1, ellipsis: g.ellipsis), x: 1, y: ty, style: ts)
        let list = layout.listRows
        let n = state.messages.count
        if n == 0 {
            if !list.isEmpty {
                canvas.put("no messages yet", x: 2, y: list.lowerBound, maxWidth: width - 2, style: Style(.muted))
            }
            return
        }
        let maxScroll = max(0, n - list.count)
        let scroll = min(state.messageScroll, maxScroll)
        for (k, y) in list.enumerated() {
            let i = n - 1 - scroll - k
            guard i >= 0 else { break }
            drawMessageEntry(state.messages[i], y: y)
        }
    }

    // MARK: bottom line

    mutating func drawBottom() {
        let y = layout.bottomRow
        switch state.mode {
        case .compose(let text):
            let s = Style(.normal)
            canvas.fill(y: y, width: width, style: s)
            drawInputLine(prompt: "send> ", text: text, hint: " Enter send \(g.dash) Esc cancel", y: y)
        case .confirmClose:
            let s = Style(.banner, .bold)
            canvas.fill(y: y, width: width, style: s)
            canvas.put(" Close the session? y/n", x: 0, y: y, maxWidth: width, style: s)
        case .confirmShop(let target):
            let s = Style(.banner, .bold)
            canvas.fill(y: y, width: width, style: s)
            let q = target == .closed ? " Close the shop (\(target.word))? y/n" : " Open the shop (\(target.word))? y/n"
            canvas.put(own(q), x: 0, y: y, maxWidth: width, style: s)
        case .composeReason(let picker, let text):
            drawReasonComposer(picker, text: text, y: y)
        case .pickReason(let picker):
            let s = Style(.footer)
            canvas.fill(y: y, width: width, style: s)
            let text = own(" \(picker.kind.word) order \(picker.orderId): 1-\(picker.entries.count) or \(g.upDown) choose\(g.dot)Enter send\(g.dot)Esc back")
            canvas.put(TextWidth.truncate(text, toWidth: width, ellipsis: g.ellipsis), x: 0, y: y, style: s)
        case _ where state.notice != nil:
            let notice = state.notice!
            let s = notice.isError ? Style(.error, .bold) : Style(.footer, .bold)
            canvas.fill(y: y, width: width, style: s)
            let text = " " + own(notice.text)
            canvas.put(TextWidth.truncate(text, toWidth: width, ellipsis: g.ellipsis), x: 0, y: y, style: s)
        default:
            let s = Style(.footer)
            canvas.fill(y: y, width: width, style: s)
            canvas.put(TextWidth.truncate(footerText(), toWidth: width, ellipsis: g.ellipsis), x: 0, y: y, style: s)
        }
    }

    /// One line of typed input (the composer, a typed reason): the prompt, the tail of the text
    /// so the cursor stays visible, and a hint when there is room.
    mutating func drawInputLine(prompt: String, text: String, hint: String, y: Int) {
        let s = Style(.normal)
        canvas.fill(y: y, width: width, style: s)
        let px = canvas.put(own(prompt), x: 0, y: y, style: Style(.footer, .bold))
        let hintW = TextWidth.width(hint)
        let showHint = width - px - hintW >= 20
        let room = max(1, width - px - (showHint ? hintW : 0) - 1)
        // The text is the merchant's own input, but it is sanitised anyway (it may have been pasted).
        let clean = sanitizer.sanitize(text)
        var shown = ""
        var w = 0
        for ch in clean.reversed() {
            let cw = TextWidth.width(of: ch)
            if w + cw > room { break }
            shown.insert(ch, at: shown.startIndex)
            w += cw
        }
        canvas.put(shown, x: px, y: y, maxWidth: room, style: s)
        canvas.cursor = Position(x: min(width - 1, px + w), y: y)
        if showHint { canvas.put(hint, x: width - hintW, y: y, style: Style(.muted)) }
    }

    func footerText() -> String {
        let d = g.dot
        if state.screen == .messages {
            return " \(g.upDown) scroll\(d)Home newest\(d)v back\(d)? help\(d)q quit"
        }
        if state.status == .closedByMerchant {
            return " disconnected \(g.dash) r reconnect\(d)q quit\(d)? help"
        }
        if !state.admin.access.isNone { return orderFooterText() }
        if width < 60 {
            return " Enter:ack A:all i:send ?:help q:quit"
        }
        if width < 80 {
            return " Enter ack\(d)A all\(d)i send\(d)v msgs\(d)? help\(d)q quit"
        }
        if width < 110 {
            return " \(g.upDown) move\(d)Enter ack\(d)A all\(d)i send\(d)c close\(d)r reconnect\(d)? help\(d)q quit"
        }
        return " \(g.upDown) move\(d)Enter ack\(d)A ack all\(d)i send\(d)c close\(d)r reconnect\(d)m mute\(d)v messages\(d)? help\(d)q quit"
    }

    // MARK: help

    static let helpLines: [(String, String)] = [
        ("UP/DOWN  k j", "move the selection"),
        ("PgUp PgDn", "move a page"),
        ("Home End", "first / last row"),
        ("Enter", "acknowledge the selected order"),
        ("A", "acknowledge all"),
        ("a", "accept the selected order (接单)"),
        ("x  X", "reject (拒单) / cancel (取消): pick a reason"),
        ("d  f", "deliver (派送) / complete (完成)"),
        ("o  S  B", "order details / open-close the shop / today"),
        ("i", "compose a message (Enter sends, Esc cancels)"),
        ("c", "close the session (asks y/n)"),
        ("r", "reconnect now"),
        ("m", "bell on / off (re-rings too)"),
        ("v  Tab", "orders / raw messages"),
        ("?", "this help (Esc closes)"),
        ("q", "quit (closes the session cleanly)"),
    ]

    mutating func drawHelp() {
        var lines = (Self.helpLines + alertHelpLines()).map { TextWidth.pad($0.0, toWidth: 14) + $0.1 }
        if state.replay != nil {
            lines += ["Space" + String(repeating: " ", count: 9) + "pause / resume replay",
                      "." + String(repeating: " ", count: 13) + "step one record",
                      "+ -" + String(repeating: " ", count: 11) + "replay speed"]
        }
        drawBox(title: " keys ", lines: lines.map { ($0, Style(.help)) })
    }

    /// What re-ring and ageing do, with this run's settings.
    func alertHelpLines() -> [(String, String)] {
        let a = state.alerts
        func time(_ s: TimeInterval) -> String {
            s.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(s / 60))m" : "\(AlertTimings.seconds(s))s"
        }
        // "Unhandled": not acknowledged, accepted or rejected.
        let ring = a.reRing > 0 ? "unhandled orders ring again every \(time(a.reRing))" : "off: an order rings once"
        var age: [String] = []
        if a.agingAfter > 0 { age.append("aging \(time(a.agingAfter))") }
        if a.overdueAfter > 0 { age.append("overdue \(time(a.overdueAfter))") }
        return [("re-ring", ring),
                ("ageing", age.isEmpty ? "off" : "rows show their age; " + age.joined(separator: ", "))]
    }

    /// A framed box in the middle of the screen, sized to its lines (cut to fit).
    mutating func drawBox(title: String, lines: [(String, Style)]) {
        guard !lines.isEmpty else { return }
        let innerW = min(width - 4, max(TextWidth.width(title) + 2, lines.map { TextWidth.width($0.0) }.max()! + 2))
        let innerH = min(layout.height - 2, lines.count)
        guard innerW > 2, innerH > 0 else { return }
        let boxW = innerW + 2, boxH = innerH + 2
        let x0 = (width - boxW) / 2, y0 = (layout.height - boxH) / 2
        let bs = Style(.border, .bold)
        let hs = Style(.help)
        canvas.fill(x: x0, y: y0, width: boxW, height: boxH, style: hs)
        canvas.put(String(g.topLeft) + String(repeating: g.hline, count: boxW - 2) + String(g.topRight), x: x0, y: y0, style: bs)
        canvas.put(String(g.bottomLeft) + String(repeating: g.hline, count: boxW - 2) + String(g.bottomRight), x: x0, y: y0 + boxH - 1, style: bs)
        canvas.put(own(title), x: x0 + 2, y: y0, maxWidth: boxW - 4, style: bs)
        for k in 0..<innerH {
            let y = y0 + 1 + k
            canvas.put(String(g.vline), x: x0, y: y, style: bs)
            canvas.put(String(g.vline), x: x0 + boxW - 1, y: y, style: bs)
            let (text, style) = lines[k]
            if style != hs { canvas.fill(x: x0 + 1, y: y, width: boxW - 2, style: style) }
            canvas.put(TextWidth.truncate(own(text), toWidth: innerW - 2, ellipsis: g.ellipsis), x: x0 + 2, y: y, style: style)
        }
    }
}
