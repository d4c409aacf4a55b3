/// The order ids in display order, newest activity first, with the newest added, any id moved to
/// the top or dropped, and an id's place found in O(log n) (an array inserting at the front was
/// O(rows) per notification).
///
/// Kept oldest first: the newest id is appended; a dropped or moved id leaves a gap, and a
/// Fenwick tree counts the ids still there before each slot, so the n-th newest is found by a
/// search of the tree. Gaps are closed when they outnumber the ids.
public struct OrderList: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, CustomStringConvertible {
    /// Ids oldest first, with gaps (`present` false).
    private var slots: [Int64] = []
    private var present: [Bool] = []
    /// `tree[k - 1]` counts the present slots in (k - lowbit(k), k] (1-based k).
    private var tree: [Int32] = []
    /// Each id's slot (32 bits: half the dictionary's values).
    private var slotOf: [Int64: Int32] = [:]
    /// Every slot before it is a gap (the cap drops the oldest: its walk starts here).
    private var head = 0
    public private(set) var count = 0

    public init() {}

    /// Newest first, as shown.
    public init(arrayLiteral ids: Int64...) { self.init(newestFirst: ids) }

    public init<S: Sequence>(newestFirst ids: S) where S.Element == Int64 {
        for id in Array(ids).reversed() { append(id) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The `i`-th newest id.
    public subscript(i: Int) -> Int64 {
        precondition(i >= 0 && i < count, "OrderList index out of range")
        return slots[slot(ofPresent: count - i)]
    }

    public func contains(_ id: Int64) -> Bool { slotOf[id] != nil }

    /// Where `id` is shown (0 = newest), or nil.
    public func firstIndex(of id: Int64) -> Int? {
        guard let s = slotOf[id] else { return nil }
        return count - presentThrough(Int(s))
    }

    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }

    public var description: String { Array(self).description }

    /// Puts `id` at the top (newest), taking it from where it was.
    mutating func moveToTop(_ id: Int64) {
        remove(id)
        append(id)
    }

    /// Takes `id` out (no change when it is not here).
    mutating func remove(_ id: Int64) {
        guard let s = slotOf.removeValue(forKey: id).map(Int.init) else { return }
        present[s] = false
        add(-1, at: s)
        count -= 1
        while head < slots.count, !present[head] { head += 1 }
        if slots.count > 64, slots.count - count > count { compact() }
    }

    /// The ids oldest first (for the cap, which drops the oldest).
    var oldestFirst: some Sequence<Int64> {
        zip(slots[head...], present[head...]).lazy.filter(\.1).map(\.0)
    }

    private mutating func append(_ id: Int64) {
        let s = slots.count
        slots.append(id)
        present.append(true)
        slotOf[id] = Int32(s)
        count += 1
        // Node k = s + 1 covers (k - lowbit(k), k]: this slot plus the present slots before it there.
        let k = s + 1
        let from = k - (k & -k)
        tree.append(1 + Int32(presentThrough(s - 1) - presentThrough(from - 1)))
    }

    /// Present slots in 0...s (0 when s < 0).
    private func presentThrough(_ s: Int) -> Int {
        var k = s + 1, sum: Int32 = 0
        while k > 0 {
            sum += tree[k - 1]
            k -= k & -k
        }
        return Int(sum)
    }

    private mutating func add(_ n: Int32, at s: Int) {
        var k = s + 1
        while k <= tree.count {
            tree[k - 1] += n
            k += k & -k
        }
    }

    /// The slot of the `n`-th present id from the oldest (1-based).
    private func slot(ofPresent n: Int) -> Int {
        var k = 0, left = Int32(n)
        var step = 1
        while step * 2 <= tree.count { step *= 2 }
        while step > 0 {
            if k + step <= tree.count, tree[k + step - 1] < left {
                k += step
                left -= tree[k - 1]
            }
            step /= 2
        }
        return k   // 0-based slot k is the (k + 1)-th node
    }

    private mutating func compact() {
        let ids = Array(oldestFirst)
        slots = []
        present = []
        tree = []
        slotOf = [:]
        count = 0
        head = 0
        slots.reserveCapacity(ids.count)
        for id in ids { append(id) }
    }
}
