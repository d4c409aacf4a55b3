import Foundation
import Orders

// The parts of the screen that come from the admin API: the header's shop/counts/login line, the
// detail pane, the reason picker and composer, today's figures, and the order-key footer.
extension Renderer {
    /// Text for the screen that may mix our fixed words with server text: sanitised, and on an
    /// ASCII-only terminal the admin UI's words (待接单, 营业中, 接单 …) in English first.
    func own(_ text: String) -> String {
        sanitizer.sanitize(ownWords(text))
    }

    /// `own` before sanitising: the admin UI's words in English on an ASCII-only terminal.
    func ownWords(_ text: String) -> String {
        options.asciiOnly ? Format.asciiWords(text) : text
    }

    // MARK: header

    /// ` 营业中 · 待接单 2 · 待派送 1 · 派送中 0 · logged in: 管理员`.
    mutating func drawAdminLine(y: Int) {
        let hs = Style(.header)
        var x = 1
        func put(_ text: String, _ style: Style) {
            guard x < width - 1 else { return }
            x += canvas.put(TextWidth.truncate(own(text), toWidth: width - 1 - x, ellipsis: g.ellipsis), x: x, y: y, style: style)
        }
        let admin = state.admin
        if case .readOnly(let reason) = admin.access {
            put(sanitizer.sanitize(reason), Style(.muted, .bold))
            return
        }
        switch (admin.settingShop, admin.shop) {
        case (let target?, _): put("\(target.word)?\(g.ellipsis)", Style(.statusConnecting, .bold))
        case (nil, .known(let shop)): put(shop.word, Style(shop == .open ? .statusOpen : .statusClosed, .bold))
        case (nil, .failed(let why)): put("shop ?: " + sanitizer.sanitize(why), Style(.error))
        case (nil, .loading), (nil, .unknown): put("shop \(g.ellipsis)", hs)
        }
        let stats = admin.statistics.value
        func count(_ n: Int?) -> String { n.map(String.init) ?? "-" }
        put(g.dot + "待接单 \(count(stats?.toBeConfirmed))" + g.dot + "待派送 \(count(stats?.confirmed))"
            + g.dot + "派送中 \(count(stats?.deliveryInProgress))", hs)
        if case .failed(let why) = admin.statistics { put(" (" + sanitizer.sanitize(why) + ")", Style(.error)) }
        switch admin.login {
        case .unknown: put(g.dot + "logging in\(g.ellipsis)", hs)
        case .loggedIn(let name): put(g.dot + "logged in: " + sanitizer.sanitize(name), hs)
        case .failed(let why): put(g.dot + "login failed: " + sanitizer.sanitize(why), Style(.error, .bold))
        }
    }

    // MARK: detail pane

    mutating func drawDetailPane(separator sep: Int) {
        let bs = Style(.border)
        canvas.fill(y: sep, width: width, char: g.hline, style: bs)
        guard let row = state.selectedRow else {
            canvas.put(" order details \(g.dash) o: close ", x: 2, y: sep, maxWidth: width - 4, style: bs)
            if let y = layout.paneRows.first {
                canvas.put("no order selected", x: 2, y: y, maxWidth: width - 2, style: Style(.muted))
            }
            return
        }
        canvas.put(" order \(row.orderId) \(g.dash) o: close ", x: 2, y: sep, maxWidth: width - 4, style: bs)
        var lines: [(String, String, Style)] = []
        if let order = row.order {
            lines = Format.orderDetails(order, glyphs: g).map { ($0.0, $0.1, Style(.normal)) }
        }
        switch row.details {
        case .fetching: lines.insert(("details", "fetching\(g.ellipsis)", Style(.muted)), at: 0)
        case .failed(let reason, let attempt, _):
            lines.insert(("details", "not loaded: \(reason) (attempt \(attempt), retrying)", Style(.error)), at: 0)
        case .none where row.order == nil:
            let why: String
            switch state.admin.access {
            case .none(let reason), .readOnly(let reason): why = reason
            case .live: why = "not asked for"
            }
            lines.append(("details", why, Style(.muted)))
            if let content = row.content { lines.append(("message", content, Style(.normal))) }
        default: break
        }
        switch row.activity {
        case .inFlight(let a)?: lines.insert(("action", "\(a.kind.word) in flight\(g.ellipsis)", Style(.statusConnecting, .bold)), at: 0)
        case .refused(let k, let m)?: lines.insert(("action", "\(k.word) refused: \(m)", Style(.error, .bold)), at: 0)
        case .failed(let k, let m)?: lines.insert(("action", "\(k.word) failed: \(m)", Style(.error, .bold)), at: 0)
        case .done(let k)?: lines.insert(("action", "\(k.word) ok", Style(.muted)), at: 0)
        case nil: break
        }
        let pane = layout.paneRows
        for (k, y) in pane.enumerated() {
            guard k < lines.count else { break }
            let (label, value, style) = lines[k]
            if k == pane.count - 1 && lines.count > pane.count {
                canvas.put("+\(lines.count - k) more lines", x: 2, y: y, maxWidth: width - 2, style: Style(.muted))
                break
            }
            canvas.put(label, x: 2, y: y, maxWidth: 10, style: Style(.muted, .bold))
            guard width > 13 else { continue }
            let text = TextWidth.truncate(own(value), toWidth: width - 13, ellipsis: g.ellipsis)
            canvas.put(text, x: 12, y: y, style: style)
        }
    }

    // MARK: reasons

    mutating func drawReasonPicker(_ picker: ReasonPicker) {
        var lines: [(String, Style)] = []
        for (i, entry) in picker.entries.enumerated() {
            let selected = i == picker.choice
            lines.append(((selected ? g.selected : " ") + " \(i + 1)  " + entry, selected ? Style(.selection, .bold) : Style(.help)))
        }
        drawBox(title: " \(picker.kind.word) order \(picker.orderId): reason ", lines: lines)
    }

    mutating func drawReasonComposer(_ picker: ReasonPicker, text: String, y: Int) {
        drawInputLine(prompt: "\(picker.kind.word) reason> ", text: text, hint: " Enter send \(g.dash) Esc back", y: y)
    }

    // MARK: today's figures

    mutating func drawBusinessData() {
        let hs = Style(.help)
        var lines: [(String, Style)]
        switch state.admin.businessData {
        case .known(let d):
            lines = [("营业额      " + d.turnover.description, hs),
                     ("有效订单    \(d.validOrderCount)", hs),
                     ("完成率      " + Format.percent(d.orderCompletionRate), hs),
                     ("平均客单价  " + d.unitPrice.description, hs),
                     ("新增用户    \(d.newUsers)", hs)]
        case .failed(let why):
            lines = [("not available: " + sanitizer.sanitize(why), Style(.error, .bold))]
        case .loading, .unknown:
            lines = [("loading\(g.ellipsis)", Style(.muted))]
        }
        lines.append(("Esc closes", Style(.muted)))
        drawBox(title: " today 今日 ", lines: lines)
    }

    // MARK: footer

    func orderFooterText() -> String {
        let d = g.dot
        if width < 60 { return " a:accept x:reject d:deliver f:done ?:help" }
        if width < 80 { return " a accept\(d)x reject\(d)d deliver\(d)f done\(d)o info\(d)? help" }
        if width < 120 {
            return " Enter ack\(d)a accept\(d)x/X reject/cancel\(d)d/f deliver/done\(d)o info\(d)? help"
        }
        return " Enter ack\(d)a accept\(d)x reject\(d)X cancel\(d)d deliver\(d)f complete\(d)o details\(d)S shop\(d)B today\(d)? help\(d)q quit"
    }
}
