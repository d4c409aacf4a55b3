/// A fixed-capacity FIFO: appending past capacity drops the oldest element.
/// Iterates oldest → newest.
public struct RingBuffer<Element>: RandomAccessCollection {
    public private(set) var capacity: Int
    private var storage: [Element] = []
    private var head = 0   // index of the oldest element once full

    public init(capacity: Int) {
        self.capacity = Swift.max(1, capacity)
        storage.reserveCapacity(Swift.min(self.capacity, 1024))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }

    public subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < storage.count, "RingBuffer index out of range")
            return storage[(head + i) % storage.count]
        }
        set {
            precondition(i >= 0 && i < storage.count, "RingBuffer index out of range")
            storage[(head + i) % storage.count] = newValue
        }
    }

    /// Appends; returns the element dropped to make room, if any.
    @discardableResult
    public mutating func append(_ e: Element) -> Element? {
        if storage.count < capacity {
            storage.append(e)
            return nil
        }
        let dropped = storage[head]
        storage[head] = e
        head = (head + 1) % capacity
        return dropped
    }

    /// The newest element.
    public var newest: Element? { storage.isEmpty ? nil : self[storage.count - 1] }
}

extension RingBuffer: Equatable where Element: Equatable {
    public static func == (a: RingBuffer, b: RingBuffer) -> Bool {
        a.capacity == b.capacity && a.elementsEqual(b)
    }
}

extension RingBuffer: Sendable where Element: Sendable {}
