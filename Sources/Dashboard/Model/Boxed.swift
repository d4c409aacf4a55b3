/// An optional value kept on the heap: a row that holds none costs one pointer instead of the
/// value's whole inline size (an `Order` is ~400 bytes, and 100,000 rows without one were 40 MB of
/// empty space in the rows' table). Copies share the box; setting replaces it (value semantics).
@propertyWrapper
public struct Boxed<Value: Sendable & Equatable>: Sendable, Equatable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box?

    public init(wrappedValue: Value?) {
        box = wrappedValue.map(Box.init)
    }

    public var wrappedValue: Value? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }

    /// Whether a value is held, without copying it out of the box.
    public var isEmpty: Bool { box == nil }

    public static func == (a: Self, b: Self) -> Bool { a.box === b.box || a.wrappedValue == b.wrappedValue }
}
