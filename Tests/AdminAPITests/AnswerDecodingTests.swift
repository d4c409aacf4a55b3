import AdminAPI
import Foundation
import Orders
import Testing

@Suite struct AnswerDecodingTests {
    static let page = #"""
    {"total":23,"records":[
     {"id":9007199254740993,"number":"1764126000001","status":2,"amount":38.00,"orderTime":"2026-11-26 11:00","orderDishes":"宫保鸡丁*1;米饭*2;"},
     {"id":2,"number":"1764126000002","status":5,"amount":0.10,"packAmount":"0.20","orderTime":"2026-11-26 10:00","orderDishes":"可乐*1;"}]}
    """#

    func client(_ data: String) -> AdminClient {
        AdminClient(configuration: AdminAPIConfiguration(base: testBase), credentials: .token("t"),
                    transport: ScriptedTransport { _ in ok(data) })
    }

    @Test func aPageOfOrdersKeepsIdsAndAmountsExact() async throws {
        let page = try await client(Self.page).conditionSearch(page: 1, pageSize: 10, status: 2)
        #expect(page.total == 23)
        #expect(page.records.map(\.id) == [9_007_199_254_740_993, 2])   // beyond a Double's 2^53
        #expect(page.records[0].amount?.text == "38.00")
        #expect(page.records[0].dishesSummary == "宫保鸡丁×1 米饭×2")
        let sum = page.records[1].amount!.value + page.records[1].packAmount!.value
        #expect(sum == Decimal(string: "0.3"))   // 0.1 + 0.2, exactly
        #expect(page.records[1].status == .completed)
    }

    @Test func anEmptyPage() async throws {
        #expect(try await client(#"{"total":0,"records":[]}"#).conditionSearch(page: 1) == OrderPage(total: 0, records: []))
    }

    @Test func businessDataKeepsItsDecimals() async throws {
        let data = try await client(#"{"turnover":1234.50,"validOrderCount":12,"orderCompletionRate":0.8,"unitPrice":102.875,"newUsers":3}"#)
            .businessData()
        #expect(data.turnover.text == "1234.50")
        #expect(data.turnover.value == Decimal(string: "1234.5"))
        #expect(data.unitPrice.value == Decimal(string: "102.875"))
        #expect(data.orderCompletionRate.text == "0.8")
        #expect(data.validOrderCount == 12)
        #expect(data.newUsers == 3)
    }

    @Test(arguments: [
        (#"{"total":1,"records":{"id":1}}"#, "the page of orders: records must be an array, got an object"),
        (#"{"total":1,"records":[{"id":1,"status":2,"amount":1e3}]}"#, "the page of orders: amount is not an amount: 1e3"),
        (#"{"total":"many","records":[]}"#, "the page of orders: total is not a whole number: many"),
    ])
    func aBadPageNamesWhatWasWrong(data: String, what: String) async {
        await #expect(throws: AdminAPIError.badAnswer(what)) { try await client(data).conditionSearch(page: 1) }
    }

    @Test func theShopStatusIsOneOrZero() async throws {
        #expect(try await client("0").shopStatus() == .closed)
        await #expect(throws: AdminAPIError.badAnswer("the shop status: the shop status must be 1 or 0, got a number")) {
            try await client("2").shopStatus()
        }
    }

    @Test func anOrdersJSONLineKeepsTheAmountsText() async throws {
        let order = try await client(Self.page).conditionSearch(page: 1).records[0]
        let line = order.jsonLine
        #expect(line.hasPrefix(#"{"id":9007199254740993,"number":"1764126000001","status":2,"statusText":"待接单","amount":"38.00","packAmount":null,"orderTime":"2026-11-26 11:00""#))
        #expect(line.contains(#""dishes":[{"name":"宫保鸡丁","flavor":null,"count":1,"amount":null},{"name":"米饭","flavor":null,"count":2,"amount":null}]"#))
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(parsed?["amount"] as? String == "38.00")
        #expect(!line.contains("\n"))
    }
}
