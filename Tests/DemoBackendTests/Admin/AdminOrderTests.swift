import Foundation
import Notifications
import Orders
import Testing
@testable import DemoBackend

/// The order routes: list, details, counts, and the status rules of the real service.
@Suite struct AdminOrderTests {
    typealias F = AdminFixtures

    func call(_ backend: inout AdminBackend, _ method: String, _ target: String, body: String = "") -> AdminResponse {
        backend.handle(F.request(method, target, token: F.token(backend), body: body), at: F.noon.addingTimeInterval(3600))
    }

    @Test func detailsAnswerTheOrderVOWithItsDetailListInTheBackendsFieldOrder() {
        var backend = F.backend(orders: [F.order(1001)])
        let r = call(&backend, "GET", "/admin/order/details/1001")
        #expect(r.status == 200)
        #expect(r.body == #"{"code":1,"msg":null,"data":{"id":1001,"number":"1764126001001","status":2,"userId":6,"addressBookId":11,"#
            + #""orderTime":"2025-11-26 11:00","checkoutTime":"2025-11-26 11:00","payMethod":1,"payStatus":1,"amount":38.00,"#
            + #""remark":null,"userName":null,"phone":"13812345678","address":"北京市海淀区中关村大街27号","consignee":"张先生","#
            + #""cancelReason":null,"rejectionReason":null,"cancelTime":null,"estimatedDeliveryTime":null,"deliveryStatus":1,"#
            + #""deliveryTime":null,"packAmount":2.00,"tablewareNumber":0,"tablewareStatus":1,"orderDishes":null,"#
            + #""orderDetailList":[{"id":100101,"name":"宫保鸡丁","orderId":1001,"dishId":46,"setmealId":null,"dishFlavor":"微辣","number":1,"amount":32.00,"image":"/images/dish/46.png"},"#
            + #"{"id":100102,"name":"米饭","orderId":1001,"dishId":56,"setmealId":null,"dishFlavor":null,"number":2,"amount":2.00,"image":"/images/dish/56.png"}]}}"#)
    }

    @Test func detailsReadBackIntoTheSameOrder() throws {
        let stored = F.order(1001)
        var backend = F.backend(orders: [stored])
        let data = try F.envelope(call(&backend, "GET", "/admin/order/details/1001")).data
        let order = try Order(json: data)
        #expect(order == stored.order)
        #expect(order.amount?.text == "38.00")
        #expect(order.amount?.value == Decimal(string: "38"))
    }

    @Test func detailsOfAnUnknownOrderIsRefusedAndABadIdIs400() {
        var backend = F.backend(orders: [F.order(1001)])
        #expect(call(&backend, "GET", "/admin/order/details/999").body == #"{"code":0,"msg":"订单不存在","data":null}"#)
        let bad = call(&backend, "GET", "/admin/order/details/abc")
        #expect(bad.status == 400)
        #expect(bad.body.contains("the order id in the path must be a whole number"))
    }

    @Test func conditionSearchListsNewestFirstWithOrderDishesAndTotal() throws {
        var backend = F.backend(orders: (0..<12).map { F.order(1001 + Int64($0), minutesAfterNoon: $0) })
        let page1 = try F.envelope(call(&backend, "GET", "/admin/order/conditionSearch?page=1&pageSize=5")).data
        #expect(F.int(page1["total"]) == 12)
        guard case .array(let records)? = page1["records"] else { Issue.record("no records"); return }
        #expect(records.map { F.int($0["id"]) } == [1012, 1011, 1010, 1009, 1008])
        #expect(F.string(records[0]["orderDishes"]) == "宫保鸡丁*1;米饭*2;")
        #expect(records[0]["orderDetailList"] == .null)
        let page3 = try F.envelope(call(&backend, "GET", "/admin/order/conditionSearch?page=3&pageSize=5")).data
        guard case .array(let last)? = page3["records"] else { Issue.record("no records"); return }
        #expect(last.map { F.int($0["id"]) } == [1002, 1001])
        let beyond = try F.envelope(call(&backend, "GET", "/admin/order/conditionSearch?page=9&pageSize=5")).data
        #expect(beyond["records"] == .array([]))
        #expect(F.int(beyond["total"]) == 12)
    }

    @Test func conditionSearchFiltersByStatusNumberPhoneAndTime() throws {
        var backend = F.backend(orders: [
            F.order(1001, status: .toBeConfirmed, minutesAfterNoon: 0, phone: "13800000001"),
            F.order(1002, status: .confirmed, minutesAfterNoon: 10, phone: "13900000002"),
            F.order(1003, status: .toBeConfirmed, minutesAfterNoon: 20, phone: "13900000003"),
        ])
        func ids(_ query: String) throws -> [Int?] {
            let data = try F.envelope(call(&backend, "GET", "/admin/order/conditionSearch?page=1&pageSize=10" + query)).data
            guard case .array(let records)? = data["records"] else { return [] }
            return records.map { F.int($0["id"]) }
        }
        #expect(try ids("&status=2") == [1003, 1001])
        #expect(try ids("&status=") == [1003, 1002, 1001])
        #expect(try ids("&number=1002") == [1002])
        #expect(try ids("&phone=139") == [1003, 1002])
        #expect(try ids("&beginTime=2025-11-26%2011:05:00&endTime=2025-11-26+11:20:00") == [1003, 1002])
        #expect(try ids("&endTime=2025-11-26%2011:09:59") == [1001])
    }

    @Test(arguments: ["page=0", "page=x", "pageSize=0", "status=two", "beginTime=2025-11-26", "endTime=2025-11-26%2011:00", "phone=%zz"])
    func aConditionSearchWithABadParameterIs400SayingWhich(query: String) throws {
        var backend = F.backend(orders: [F.order(1001)])
        let r = call(&backend, "GET", "/admin/order/conditionSearch?" + query)
        #expect(r.status == 400)
        let name = String(query.prefix { $0 != "=" })
        #expect(F.string(try JSONParser.parse(r.body)["message"])?.contains(name) == true, "\(r.body)")
    }

    @Test func statisticsCountWaitingAcceptedAndOutForDelivery() {
        var backend = F.backend(orders: [
            F.order(1, status: .toBeConfirmed), F.order(2, status: .toBeConfirmed), F.order(3, status: .confirmed),
            F.order(4, status: .deliveryInProgress), F.order(5, status: .completed), F.order(6, status: .cancelled),
        ])
        #expect(call(&backend, "GET", "/admin/order/statistics").body
            == #"{"code":1,"msg":null,"data":{"toBeConfirmed":2,"confirmed":1,"deliveryInProgress":1}}"#)
    }

    // MARK: - Status rules

    /// Each action, how it is sent, and the statuses the real service allows it in.
    static let actions: [(kind: OrderAction.Kind, method: String, target: String, body: String, allowed: [OrderStatus])] = [
        (.accept, "PUT", "/admin/order/confirm", #"{"id":7}"#, [.toBeConfirmed]),
        (.reject, "PUT", "/admin/order/rejection", #"{"id":7,"rejectionReason":"菜品已销售完，暂时无法接单"}"#, [.toBeConfirmed]),
        (.cancel, "PUT", "/admin/order/cancel", #"{"id":7,"cancelReason":"客户电话取消"}"#, [.pendingPayment, .toBeConfirmed, .confirmed, .deliveryInProgress]),
        (.deliver, "PUT", "/admin/order/delivery/7", "", [.confirmed]),
        (.complete, "PUT", "/admin/order/complete/7", "", [.deliveryInProgress]),
    ]

    @Test(arguments: OrderStatus.known)
    func eachActionIsAllowedOnlyInItsStatusesAndOtherwiseRefusedWithOrderStatusError(status: OrderStatus) throws {
        for a in Self.actions {
            var backend = F.backend(orders: [F.order(7, status: status)])
            let r = call(&backend, a.method, a.target, body: a.body)
            let after = try #require(backend.store[7]).order
            if a.allowed.contains(status) {
                #expect(r.body == #"{"code":1,"msg":null,"data":null}"#, "\(a.kind) in \(status)")
                #expect(after.status == a.kind.resultingStatus, "\(a.kind) in \(status)")
            } else {
                #expect(r.body == #"{"code":0,"msg":"订单状态错误","data":null}"#, "\(a.kind) in \(status)")
                #expect(after == F.order(7, status: status).order, "a refused \(a.kind) changes nothing")
            }
        }
    }

    @Test func theWholeWayFromWaitingToCompleted() throws {
        var backend = F.backend(orders: [F.order(7)])
        #expect(call(&backend, "PUT", "/admin/order/confirm", body: #"{"id":7}"#).body.hasPrefix(#"{"code":1"#))
        #expect(backend.store[7]?.order.status == .confirmed)
        #expect(call(&backend, "PUT", "/admin/order/delivery/7").body.hasPrefix(#"{"code":1"#))
        #expect(backend.store[7]?.order.status == .deliveryInProgress)
        #expect(call(&backend, "PUT", "/admin/order/complete/7").body.hasPrefix(#"{"code":1"#))
        let done = try #require(backend.store[7]).order
        #expect(done.status == .completed)
        #expect(done.deliveryTime == "2025-11-26 12:00")
        #expect(done.payStatus == 1)
        // Done is done.
        #expect(call(&backend, "PUT", "/admin/order/cancel", body: #"{"id":7,"cancelReason":"x"}"#).body.contains("订单状态错误"))
    }

    @Test func rejectingOrCancellingAPaidOrderRefundsItAndKeepsTheReason() throws {
        var backend = F.backend(orders: [F.order(7), F.order(8, status: .confirmed), F.order(9, paid: false)])
        _ = call(&backend, "PUT", "/admin/order/rejection", body: #"{"id":7,"rejectionReason":"餐厅已打烊，暂时无法接单"}"#)
        _ = call(&backend, "PUT", "/admin/order/cancel", body: #"{"id":"8","cancelReason":"骑手不足无法配送"}"#)
        _ = call(&backend, "PUT", "/admin/order/cancel", body: #"{"id":9,"cancelReason":"客户电话取消"}"#)
        let rejected = try #require(backend.store[7]).order
        #expect(rejected.status == .cancelled)
        #expect(rejected.rejectionReason == "餐厅已打烊，暂时无法接单")
        #expect(rejected.payStatus == 2)
        #expect(rejected.cancelTime == "2025-11-26 12:00")
        let cancelled = try #require(backend.store[8]).order
        #expect(cancelled.cancelReason == "骑手不足无法配送")
        #expect(cancelled.payStatus == 2)
        #expect(backend.store[9]?.order.payStatus == 0, "an unpaid order has nothing to refund")
    }

    @Test(arguments: ["/admin/order/confirm", "/admin/order/rejection", "/admin/order/cancel"])
    func anActionOnAnUnknownOrderIsRefusedAndABadBodyIs400(target: String) {
        var backend = F.backend(orders: [F.order(7)])
        #expect(call(&backend, "PUT", target, body: #"{"id":404}"#).body == #"{"code":0,"msg":"订单不存在","data":null}"#)
        for body in ["{\"id\":7", "not json", "{}", #"{"id":"seven"}"#, #"{"id":1.5}"#, "[7]"] {
            let r = call(&backend, "PUT", target, body: body)
            #expect(r.status == 400, "\(body)")
            #expect(r.body.contains(#""path":""# + target + "\""), "\(body)")
        }
        #expect(backend.store[7]?.order.status == .toBeConfirmed, "nothing changed")
    }

    @Test func deliverAndCompleteOfAnUnknownOrBadIdAreRefusedOr400() {
        var backend = F.backend()
        #expect(call(&backend, "PUT", "/admin/order/delivery/5").body.contains("订单不存在"))
        #expect(call(&backend, "PUT", "/admin/order/complete/5").body.contains("订单不存在"))
        #expect(call(&backend, "PUT", "/admin/order/delivery/five").status == 400)
    }
}
