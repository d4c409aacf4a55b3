import DemoBackend
import Testing
@testable import Dashboard

/// `OrderList` against a plain newest-first array, after each of random moves to the top and
/// removals (enough removals to close its gaps many times): a mismatch fails.
@Suite struct OrderListTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func behavesLikeANewestFirstArray(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        var list = OrderList()
        var model: [Int64] = []
        let ids = Int64(1)...Int64([5, 40, 300, 2000][Int(seed - 1)])
        for step in 0..<3000 {
            let id = Int64.random(in: ids, using: &g)
            if Int.random(in: 0..<3, using: &g) == 0 {
                list.remove(id)
                model.removeAll { $0 == id }
            } else {
                list.moveToTop(id)
                model.removeAll { $0 == id }
                model.insert(id, at: 0)
            }
            #expect(Array(list) == model, "seed \(seed) step \(step)")
            #expect(list.count == model.count)
            #expect(Array(list.oldestFirst) == model.reversed())
            let probe = Int64.random(in: ids, using: &g)
            #expect(list.firstIndex(of: probe) == model.firstIndex(of: probe), "seed \(seed) step \(step) id \(probe)")
            if Array(list) != model { return }
        }
    }

    @Test func comparesWithLiteralsNewestFirst() {
        var list: OrderList = [3, 2, 1]
        list.moveToTop(1)
        #expect(list == [1, 3, 2])
        #expect(list != [3, 2, 1])
        list.remove(3)
        #expect(list == [1, 2])
        #expect(list[0] == 1 && list[1] == 2)
    }
}
