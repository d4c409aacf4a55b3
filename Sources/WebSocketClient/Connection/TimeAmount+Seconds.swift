import NIOCore

extension TimeAmount {
    /// A configuration value in seconds (`Double`) as a NIO time amount.
    static func fromSeconds(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64(seconds * 1e9))
    }
}
