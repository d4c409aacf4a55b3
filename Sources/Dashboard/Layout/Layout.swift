/// Where each part of the screen goes for a given size and state. Shared by `view` (drawing)
/// and `update` (page size, keeping the selection visible).
public struct Layout: Sendable, Equatable {
    public static let minWidth = 40
    public static let minHeight = 8

    public var width: Int
    public var height: Int
    /// Below 40×8 only the "terminal too small" notice is drawn.
    public var tooSmall: Bool
    /// Header lines: title/status/URL, then counts, then (with an admin API) shop, order counts
    /// and login.
    public var headerRows: Range<Int>
    /// The flashing reminder banner (only while unacknowledged reminders exist).
    public var bannerRow: Int?
    /// Column titles of the list (or the messages screen's title).
    public var titleRow: Int
    /// The order list, or the messages list on the messages screen.
    public var listRows: Range<Int>
    /// The separator above the small messages pane (orders screen, height ≥ 20), or above the
    /// selected order's detail pane (key `o`).
    public var paneSeparatorRow: Int?
    public var paneRows: Range<Int>
    /// The pane shows the selected order's details rather than messages.
    public var paneShowsDetails = false
    /// Footer, composer or confirmation line.
    public var bottomRow: Int

    public static func compute(width: Int, height: Int, state: State) -> Layout {
        let tooSmall = width < minWidth || height < minHeight
        let headerCount = state.admin.access.isNone ? 2 : 3
        let header = 0..<min(headerCount, max(0, height))
        var y = headerCount
        var banner: Int?
        if state.hasActiveReminders {
            banner = y
            y += 1
        }
        let title = y
        y += 1
        let bottom = max(0, height - 1)
        var sep: Int?
        var pane = bottom..<bottom
        var details = false
        let room = bottom - y   // list, separator and pane
        if state.screen == .orders && state.showDetails && room >= 6 {
            let lines = min(max(12, room / 2), room - 3)
            sep = bottom - lines - 1
            pane = (bottom - lines)..<bottom
            details = true
        } else if state.screen == .orders && height >= 20 {
            let lines = max(3, min(10, height / 6))
            sep = bottom - lines - 1
            pane = (bottom - lines)..<bottom
        }
        let listEnd = max(y, sep ?? bottom)
        return Layout(width: width, height: height, tooSmall: tooSmall, headerRows: header,
                      bannerRow: banner, titleRow: title, listRows: y..<listEnd,
                      paneSeparatorRow: sep, paneRows: pane, paneShowsDetails: details, bottomRow: bottom)
    }
}
