/// Column positions of the order list, measured in display columns so CJK/emoji line up.
///
/// `› • HH:mm:ss  ORDER ID  KIND          CONTENT…`, and with the admin API
/// `› • HH:mm:ss  ORDER ID  KIND  STATUS  AMOUNT  ORDER NO.  DISHES…`. When the width runs out the
/// last column (dishes) gives way first, then the amount, then the status. While some order is
/// aging, an `AGE` column follows KIND.
public struct OrderColumns: Sendable, Equatable {
    // Columns 0–1: the selection marker and the state marker.
    public var timeX = 2
    public var timeWidth = 8
    public var idX: Int
    public var idWidth: Int
    public var kindX: Int
    public var kindWidth: Int
    public var contentX: Int
    public var contentWidth: Int
    /// Narrow terminals (< 60 columns) use 1-column gaps and "rem×N".
    public var compact: Bool
    /// Status and amount columns (width 0: not shown).
    public var statusX = 0
    public var statusWidth = 0
    public var amountX = 0
    public var amountWidth = 0
    /// The AGE column (width 0: not shown).
    public var ageX = 0
    public var ageWidth = 0

    /// `shown` is what the view does to a cell's text before drawing it (ASCII-only words), so the
    /// status and amount columns are measured as drawn.
    /// `ageWidth`: the widest age text to show (0: no AGE column).
    public static func compute(width: Int, rows: [OrderRow], glyphs: Glyphs, orderColumns: Bool = false,
                               ageWidth: Int = 0, shown: (String) -> String = { $0 }) -> OrderColumns {
        let compact = width < 60
        let gap = compact ? 1 : 2
        var idW = TextWidth.width("ORDER ID")
        var kindW = 4
        for r in rows {
            idW = max(idW, String(r.orderId).count)
            kindW = max(kindW, TextWidth.width(Format.kind(r, compact: compact, glyphs: glyphs)))
        }
        idW = min(idW, 20)
        let timeX = 2
        let idX = timeX + 8 + gap
        let kindX = idX + idW + gap
        var contentX = kindX + kindW + gap
        var cols = OrderColumns(timeX: timeX, idX: idX, idWidth: idW, kindX: kindX, kindWidth: kindW,
                                contentX: contentX, contentWidth: max(0, width - contentX), compact: compact)
        if ageWidth > 0 {
            cols.ageX = contentX
            cols.ageWidth = max(ageWidth, TextWidth.width("AGE"))
            contentX += cols.ageWidth + gap
            cols.contentX = contentX
            cols.contentWidth = max(0, width - contentX)
        }
        guard orderColumns else { return cols }
        var statusW = TextWidth.width("STATUS"), amountW = TextWidth.width("AMOUNT")
        for r in rows {
            statusW = max(statusW, TextWidth.width(shown(Format.orderStatus(r, glyphs: glyphs))))
            amountW = max(amountW, TextWidth.width(shown(Format.amount(r))))
        }
        let statusX = contentX, amountX = statusX + statusW + gap
        if amountX + amountW <= width {
            cols.statusX = statusX; cols.statusWidth = statusW
            cols.amountX = amountX; cols.amountWidth = amountW
            contentX = amountX + amountW + gap
        } else if statusX + statusW <= width {
            cols.statusX = statusX; cols.statusWidth = statusW
            contentX = statusX + statusW + gap
        }
        cols.contentX = contentX
        cols.contentWidth = max(0, width - contentX)
        return cols
    }
}
