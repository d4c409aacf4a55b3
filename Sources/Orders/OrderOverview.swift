/// `GET /workspace/overviewOrders`: today's orders by outcome.
public struct OrderOverview: Sendable, Equatable {
    /// 待接单.
    public var waitingOrders: Int
    /// 待派送 (the backend's name for it is "delivered").
    public var deliveredOrders: Int
    /// 已完成.
    public var completedOrders: Int
    /// 已取消.
    public var cancelledOrders: Int
    /// Every order of the day.
    public var allOrders: Int

    public init(waitingOrders: Int, deliveredOrders: Int, completedOrders: Int, cancelledOrders: Int, allOrders: Int) {
        self.waitingOrders = waitingOrders
        self.deliveredOrders = deliveredOrders
        self.completedOrders = completedOrders
        self.cancelledOrders = cancelledOrders
        self.allOrders = allOrders
    }
}
