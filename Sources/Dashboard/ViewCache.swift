/// The cells of each order row the last render drew, by everything the row's cells depend on, so
/// the next render copies a row that did not change instead of drawing it again. Invisible in the
/// output: `view` with a cache gives the same Canvas as without (`ViewCacheTests`). Holds only the
/// rows of the last render. Not thread-safe: one per loop.
public final class ViewCache {
    /// What an order row's cells depend on: the row, its place in the columns and its look.
    struct RowKey: Equatable {
        let row: OrderRow
        let selected: Bool
        let style: Style
        let columns: OrderColumns
        let withOrders: Bool
        let age: String?
        let ageStyle: Style?
        let width: Int
        let options: ViewOptions
    }

    private var rows: [Int64: (key: RowKey, cells: ArraySlice<Cell>)] = [:]
    private var next: [Int64: (key: RowKey, cells: ArraySlice<Cell>)] = [:]

    public init() {}

    func cells(for key: RowKey) -> ArraySlice<Cell>? {
        guard let hit = rows[key.row.orderId], hit.key == key else { return nil }
        next[key.row.orderId] = hit
        return hit.cells
    }

    func keep(_ cells: ArraySlice<Cell>, for key: RowKey) {
        next[key.row.orderId] = (key, cells)
    }

    /// A render is over: what it drew is what the next one can reuse.
    func finishRender() {
        swap(&rows, &next)
        next.removeAll(keepingCapacity: true)
    }
}
