import Foundation
import Orders

/// Texts of the order columns, the detail pane and the admin header line (unsanitised: the view
/// sanitises whatever came from the server).
extension Format {
    /// The STATUS cell: the action in flight (`接单…`), else the order's status word, else where
    /// its details stand (`…` fetching, `?` failed, empty when not asked for).
    public static func orderStatus(_ row: OrderRow, glyphs: Glyphs) -> String {
        if case .inFlight(let a)? = row.activity { return a.kind.word + glyphs.ellipsis }
        if let order = row.order { return order.status.word }
        switch row.details {
        case .fetching: return glyphs.ellipsis
        case .failed: return "?"
        case .none, .loaded: return ""
        }
    }

    /// The AMOUNT cell: `¥38.00`, or empty.
    public static func amount(_ row: OrderRow) -> String {
        row.order?.amount.map { $0.description } ?? ""
    }

    /// The last column: what the latest action came to (in flight, refused, failed), then the
    /// order number and dishes (`1764126000001  宫保鸡丁×1 米饭×2`), or why they are missing.
    public static func orderLine(_ row: OrderRow, glyphs: Glyphs) -> String {
        var parts: [String] = []
        switch row.activity {
        case .inFlight(let a)?: parts.append("\(a.kind.word) in flight\(glyphs.ellipsis)")
        case .refused(let k, let m)?: parts.append("\(k.word) refused: \(m)")
        case .failed(let k, let m)?: parts.append("\(k.word) failed: \(m)")
        case .done?, nil: break
        }
        if let order = row.order {
            let dishes = order.dishesSummary
            parts.append(dishes.isEmpty ? order.number : order.number + "  " + dishes)
        } else {
            switch row.details {
            case .fetching(let attempt):
                parts.append("fetching details\(glyphs.ellipsis)" + (attempt > 1 ? " (attempt \(attempt))" : ""))
            case .failed(let reason, let attempt, _):
                parts.append("no details: \(reason) (attempt \(attempt), retrying)")
            case .none, .loaded:
                break
            }
            if let content = row.content { parts.append(content) }
        }
        return parts.joined(separator: "  ")
    }

    /// `80%` for a completion rate of `0.8` (exact decimal arithmetic, one decimal at most).
    public static func percent(_ rate: Money) -> String {
        var scaled = rate.value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 1, .plain)
        return "\(rounded)%"
    }

    /// The detail pane's lines for an order: (label, value) pairs, dishes last, one per line.
    public static func orderDetails(_ o: Order, glyphs: Glyphs) -> [(String, String)] {
        let d = glyphs.dot
        var lines: [(String, String)] = []
        lines.append(("order", "\(o.number)\(d)id \(o.id)\(d)\(o.status.word)"))
        var times: [String] = []
        if let t = o.orderTime { times.append("ordered \(t)") }
        if let t = o.estimatedDeliveryTime { times.append("estimated delivery \(t)") }
        else if o.deliveryStatus == 1 { times.append("deliver at once (立即送出)") }
        if let t = o.deliveryTime { times.append("delivered \(t)") }
        if let t = o.cancelTime { times.append("cancelled \(t)") }
        if !times.isEmpty { lines.append(("time", times.joined(separator: d))) }
        var money: [String] = []
        if let a = o.amount { money.append(a.description) }
        if let p = o.packAmount { money.append("pack fee \(p.description)") }
        switch (o.tablewareStatus, o.tablewareNumber) {
        case (1?, _): money.append("tableware 按餐量")
        case (_, let n?): money.append("tableware \(n)")
        default: break
        }
        if !money.isEmpty { lines.append(("amount", money.joined(separator: d))) }
        let who = [o.consignee, o.phone].compactMap { $0.flatMap { $0.isEmpty ? nil : $0 } }
        if !who.isEmpty { lines.append(("to", who.joined(separator: d))) }
        if let a = o.address, !a.isEmpty { lines.append(("address", a)) }
        if let r = o.remark, !r.isEmpty { lines.append(("remark", r)) }
        if let r = o.rejectionReason, !r.isEmpty { lines.append(("rejected", r)) }
        if let r = o.cancelReason, !r.isEmpty { lines.append(("cancelled", r)) }
        for (i, dish) in o.dishes.enumerated() {
            let amount = dish.amount.map { "  " + $0.description } ?? ""
            lines.append((i == 0 ? "dishes" : "", dish.summary + amount))
        }
        return lines
    }

    /// The admin UI's fixed words in English, longest first (so 已完成 is not read as 已 + 完成).
    static let asciiWordTable: [(String, String)] = [
        ("平均客单价", "avg order"), ("自定义原因", "own reason"), ("立即送出", "at once"), ("有效订单", "valid orders"),
        ("新增用户", "new users"), ("待付款", "unpaid"), ("待接单", "to accept"), ("待派送", "to deliver"),
        ("派送中", "delivering"), ("已完成", "completed"), ("已取消", "cancelled"), ("营业中", "open"), ("打烊中", "closed"),
        ("营业额", "turnover"), ("完成率", "completion"), ("按餐量", "by meal"), ("退款", "refunded"), ("接单", "accept"),
        ("拒单", "reject"), ("取消", "cancel"), ("派送", "deliver"), ("完成", "complete"), ("今日", "today"), ("¥", "Y"),
    ].sorted { $0.0.count > $1.0.count }

    /// `text` with the admin UI's words in English, for ASCII-only terminals.
    public static func asciiWords(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
        var out = text
        for (word, english) in asciiWordTable where out.contains(word) {
            out = out.replacingOccurrences(of: word, with: english)
        }
        return out
    }
}
