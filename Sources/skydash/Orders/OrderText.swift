import Dashboard
import Orders
import Session

/// Orders as text for the terminal: an aligned table and a detail view. All server text goes
/// through `LineEscaping.visible`, so it can never drive the terminal.
enum OrderText {
    static func safe(_ s: String?) -> String { s.map(LineEscaping.visible) ?? "" }

    /// `¥38.00`, or `-` when unknown.
    static func money(_ m: Money?) -> String { m.map { "¥" + safe($0.text) } ?? "-" }

    /// A table with a header row: ID, number, status, amount (right-aligned), order time, dishes.
    static func table(_ orders: [Order]) -> [String] {
        let header = ["ID", "NUMBER", "STATUS", "AMOUNT", "ORDER TIME", "DISHES"]
        let rows = orders.map { o in
            [String(o.id), safe(o.number), o.status.word, money(o.amount), safe(o.orderTime), safe(o.dishesSummary)]
        }
        let all = [header] + rows
        let widths = (0..<header.count).map { c in all.map { TextWidth.width($0[c]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell -> String in
                if c == row.count - 1 { return cell }
                return c == 3 ? TextWidth.padLeft(cell, toWidth: widths[c]) : TextWidth.pad(cell, toWidth: widths[c], ellipsis: nil)
            }.joined(separator: "  ")
        }
    }

    /// Every field a merchant needs at the counter, one `label: value` per line.
    static func details(_ o: Order) -> [String] {
        var lines: [(String, String)] = [
            ("订单号 number", safe(o.number)),
            ("ID", String(o.id)),
            ("状态 status", o.status.word),
            ("下单 ordered", safe(o.orderTime)),
        ]
        if let t = o.estimatedDeliveryTime { lines.append(("预计送达 delivery", safe(t))) }
        if let t = o.checkoutTime { lines.append(("付款 paid at", safe(t))) }
        lines.append(("金额 amount", money(o.amount)))
        if let p = o.packAmount { lines.append(("打包费 pack fee", money(p))) }
        if let p = o.payStatus { lines.append(("支付 payment", [0: "未支付", 1: "已支付", 2: "退款"][p] ?? "状态\(p)")) }
        if let m = o.payMethod { lines.append(("支付方式 pay method", [1: "微信", 2: "支付宝"][m] ?? "方式\(m)")) }
        if let n = o.tablewareNumber { lines.append(("餐具 tableware", o.tablewareStatus == 1 ? "按餐量 (\(n))" : "\(n)")) }
        lines.append(("收货人 consignee", safe(o.consignee)))
        lines.append(("电话 phone", safe(o.phone)))
        lines.append(("地址 address", safe(o.address)))
        lines.append(("备注 remark", safe(o.remark)))
        if let r = o.rejectionReason, !r.isEmpty { lines.append(("拒单原因 rejected", safe(r))) }
        if let r = o.cancelReason, !r.isEmpty { lines.append(("取消原因 cancelled", safe(r))) }
        let width = lines.map { TextWidth.width($0.0) }.max() ?? 0
        var out = lines.map { TextWidth.pad($0.0, toWidth: width, ellipsis: nil) + "  " + $0.1 }
        out.append("菜品 dishes:")
        for d in o.dishes {
            out.append("  " + safe(d.summary) + (d.amount.map { "  " + money($0) } ?? ""))
        }
        let allowed = OrderAction.Kind.allCases.filter { $0.isAllowed(in: o.status) }.map { "\($0.rawValue) (\($0.word))" }
        out.append("可操作 actions: " + (allowed.isEmpty ? "none" : allowed.joined(separator: ", ")))
        return out
    }
}
