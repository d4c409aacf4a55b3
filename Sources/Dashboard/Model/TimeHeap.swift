import Foundation

/// Order ids by a time, earliest on top (a binary min-heap), with each id's place kept so that
/// one id's time can change or go in O(log n). The state keeps two beside the rows (re-ring and
/// ageing times of the orders nobody has dealt with), so `nextDeadline` and the re-ring step do not
/// walk all rows.
struct TimeHeap: Sendable {
    private var ids: [Int64] = []
    private var times: [Date] = []
    /// Each id's index in `ids` (32 bits: half the dictionary's values at 100,000 rows).
    private var place: [Int64: Int32] = [:]

    /// The earliest id and its time.
    var top: (id: Int64, time: Date)? { ids.isEmpty ? nil : (ids[0], times[0]) }


    /// Puts `id` in with `time`, moves it to `time`, or (nil) takes it out.
    mutating func set(_ id: Int64, _ time: Date?) {
        if let i = place[id].map(Int.init) {
            guard let time else {
                remove(at: i)
                return
            }
            let old = times[i]
            if time == old { return }
            times[i] = time
            if time < old { up(i) } else { down(i) }
        } else if let time {
            ids.append(id)
            times.append(time)
            place[id] = Int32(ids.count - 1)
            up(ids.count - 1)
        }
    }

    mutating func removeAll() {
        ids.removeAll()
        times.removeAll()
        place.removeAll()
    }

    /// Visits, from the top, every id whose time is before `limit` (nil: no limit), skipping the
    /// part of the heap at or after it; `visit` may lower the limit as it goes.
    func visit(before limit: inout Date?, _ visit: (Int64, inout Date?) -> Void) {
        var stack = ids.isEmpty ? [] : [0]
        while let i = stack.popLast() {
            if let l = limit, times[i] >= l { continue }   // its children are no earlier
            visit(ids[i], &limit)
            let child = 2 * i + 1
            if child < ids.count { stack.append(child) }
            if child + 1 < ids.count { stack.append(child + 1) }
        }
    }

    private mutating func remove(at i: Int) {
        let last = ids.count - 1
        place[ids[i]] = nil
        if i != last {
            ids[i] = ids[last]
            times[i] = times[last]
            place[ids[i]] = Int32(i)
        }
        ids.removeLast()
        times.removeLast()
        if i < ids.count {
            up(i)
            down(i)
        }
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        ids.swapAt(a, b)
        times.swapAt(a, b)
        place[ids[a]] = Int32(a)
        place[ids[b]] = Int32(b)
    }

    private mutating func up(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard times[i] < times[parent] else { return }
            swapAt(i, parent)
            i = parent
        }
    }

    private mutating func down(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var least = i
            if l < ids.count, times[l] < times[least] { least = l }
            if r < ids.count, times[r] < times[least] { least = r }
            if least == i { return }
            swapAt(i, least)
            i = least
        }
    }
}
