import Foundation
import Notifications
import Orders
import Testing

@Suite struct OrderDecodingTests {
    static let details = #"""
    {"id":42,"number":"1764126000001","status":2,"userId":7,"addressBookId":3,"orderTime":"2026-11-26 11:00",
     "checkoutTime":"2026-11-26 11:01","payMethod":1,"payStatus":1,"amount":38.00,"remark":"不要辣",
     "userName":"张三","phone":"13800000000","address":"北京市海淀区1号","consignee":"张先生","cancelReason":null,
     "rejectionReason":null,"cancelTime":null,"estimatedDeliveryTime":"2026-11-26 12:00","deliveryStatus":1,
     "deliveryTime":null,"packAmount":2,"tablewareNumber":0,"tablewareStatus":1,"orderDishes":"宫保鸡丁*1;米饭*2;",
     "orderDetailList":[{"id":1,"name":"宫保鸡丁","orderId":42,"dishId":5,"setmealId":null,"dishFlavor":"微辣","number":1,"amount":32.00,"image":""},
                        {"id":2,"name":"米饭","orderId":42,"dishId":6,"setmealId":null,"dishFlavor":null,"number":2,"amount":2.00,"image":""}]}
    """#

    @Test func readsEveryFieldAndKeepsTheAmountsText() throws {
        let order = try Order(json: JSONParser.parse(Self.details))
        #expect(order.id == 42)
        #expect(order.number == "1764126000001")
        #expect(order.status == .toBeConfirmed)
        #expect(order.amount?.text == "38.00")
        #expect(order.amount?.value == Decimal(string: "38"))
        #expect(order.amount?.description == "¥38.00")
        #expect(order.packAmount?.text == "2")
        #expect(order.consignee == "张先生")
        #expect(order.remark == "不要辣")
        #expect(order.estimatedDeliveryTime == "2026-11-26 12:00")
        #expect(order.dishes == [Dish(name: "宫保鸡丁", flavor: "微辣", count: 1, amount: Money(text: "32.00")),
                                 Dish(name: "米饭", count: 2, amount: Money(text: "2.00"))])
        #expect(order.dishesSummary == "宫保鸡丁(微辣)×1 米饭×2")
        #expect(order.reason == nil)
    }

    @Test func dishesFromTheSummaryWhenThereIsNoDetailList() throws {
        let order = try Order(json: JSONParser.parse(#"{"id":"9007199254740993","status":3,"orderDishes":"宫保鸡丁*1;米饭*2;奇怪的行;","amount":"0.10"}"#))
        #expect(order.id == 9007199254740993)   // above 2^53: no Double on the way
        #expect(order.status.word == "待派送")
        #expect(order.dishesSummary == "宫保鸡丁×1 米饭×2 奇怪的行×1")
        #expect(order.amount?.value == Decimal(string: "0.1"))
    }

    @Test func moneyIsExactWhereADoubleIsNot() throws {
        let a = try #require(Money(text: "0.10"))
        let b = try #require(Money(text: "0.20"))
        #expect(a.value + b.value == Decimal(string: "0.3"))
        #expect(Money(cents: 3800).text == "38.00")
        #expect(Money(cents: -5).text == "-0.05")
    }

    @Test(arguments: [
        (#"[1]"#, "an order must be a JSON object, got an array"),
        (#"{"status":2}"#, "order has no id"),
        (#"{"id":1}"#, "order 1 has no status"),
        (#"{"id":1.5,"status":2}"#, "id must be a whole number, got a number"),
        (#"{"id":1,"status":2,"amount":"12,50"}"#, "amount is not an amount: 12,50"),
        (#"{"id":1,"status":2,"amount":1e3}"#, "amount is not an amount: 1e3"),
        (#"{"id":1,"status":2,"consignee":{}}"#, "consignee must be text, got an object"),
        (#"{"id":1,"status":2,"orderDetailList":[{"number":1}]}"#, "order line has no name"),
    ])
    func badOrdersSayWhatIsWrong(text: String, message: String) throws {
        #expect(throws: OrderDecodingError(message)) { try Order(json: JSONParser.parse(text)) }
    }

    @Test func unknownStatusIsKeptAndNamed() throws {
        let order = try Order(json: JSONParser.parse(#"{"id":1,"status":9}"#))
        #expect(order.status == .unknown(9))
        #expect(order.status.word == "状态9")
        #expect(OrderAction.Kind.allCases.allSatisfy { !$0.isAllowed(in: order.status) })
    }
}

@Suite struct OrderActionTests {
    @Test func actionsAreOfferedOnlyWhereTheBackendAllowsThem() {
        func allowed(_ s: OrderStatus) -> [OrderAction.Kind] { OrderAction.Kind.allCases.filter { $0.isAllowed(in: s) } }
        #expect(allowed(.pendingPayment) == [.cancel])
        #expect(allowed(.toBeConfirmed) == [.accept, .reject, .cancel])
        #expect(allowed(.confirmed) == [.cancel, .deliver])
        #expect(allowed(.deliveryInProgress) == [.cancel, .complete])
        #expect(allowed(.completed) == [])
        #expect(allowed(.cancelled) == [])
        #expect(allowed(.refunded) == [])
    }

    @Test func reasonsAreTheAdminUIs() {
        #expect(OrderAction.Kind.reject.presetReasons.count == 3)
        #expect(OrderAction.Kind.cancel.presetReasons.contains("客户电话取消"))
        #expect(OrderAction.Kind.accept.presetReasons.isEmpty)
        #expect(OrderAction.reject(reason: "x").reason == "x")
        #expect(OrderAction.Kind.accept.resultingStatus == .confirmed)
    }
}
