import Foundation
import Orders

/// An order as the stand-in backend keeps it: the admin API's `Order`, the ids an `OrderVO` also
/// carries, and when it was placed (as `yyyy-MM-dd HH:mm:ss`, for searching, sorting and "today").
struct StoredOrder: Sendable, Equatable {
    var order: Order
    var ids: OrderRecordIds
    /// `orderTime` to the second; texts of this shape sort like times.
    var placedAt: String

    var id: Int64 { order.id }
    var day: Substring { placedAt.prefix(10) }
}
