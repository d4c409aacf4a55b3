import Foundation

/// Everything a `DemoServer` needs; the defaults behave like the real backend.
public struct DemoConfiguration: Sendable {
    /// Seeds the random traffic (`--seed`); the same seed gives the same orders at the same times.
    public var seed: UInt64
    /// The random traffic's options (rate, reminders, oddities); see `DemoTraffic`.
    public var traffic: DemoTraffic.Options
    /// The plain-text ticker every `tickerInterval` seconds (`--ticker` / `--no-ticker`).
    public var ticker: Bool
    /// TCP port on 127.0.0.1; 0 picks a free one (`start` reports it).
    public var port: Int

    /// Seconds between ticks, on the wall-clock grid (5: at …:00, …:05, …).
    public var tickerInterval: Double = 5
    /// The traffic runs this many times faster than real time (tests, impatient demos).
    public var speed: Double = 1
    /// Largest text message accepted from a client; a bigger one is closed with 1009 like the
    /// backend's container (8 KiB).
    public var maxIncomingMessage: Int = 8192
    /// Outgoing messages longer than this are sent in frames of this size, like the backend's.
    public var outgoingFrameSize: Int = 8192
    /// After our close frame (stop, 1009, a protocol error), how long to wait for the client's
    /// answer before dropping TCP.
    public var closeTimeout: Double = 2
    /// The backend's `onClose` does `sessionMap.remove(sid)` whatever session closed, so the close
    /// of a replaced session also removes the session that replaced it from the broadcast. True
    /// imitates that; false removes the sid only when the session in the map closes.
    public var removesSidOnAnyClose: Bool = true
    /// For the ticker's `HH:mm:ss` and the admin API's times (the backend's local time).
    public var timeZone: TimeZone = .current
    /// Seconds an admin API token stays valid (`--token-ttl`; the backend's 2 h by default).
    public var tokenTTL: Double = 7200

    public var ratePerMinute: Double {
        get { traffic.ratePerMinute }
        set { traffic.ratePerMinute = newValue }
    }

    /// `seed` defaults to a random one: read `configuration.seed` to print it.
    public init(seed: UInt64 = .random(in: .min ... .max), ratePerMinute: Double = 6, ticker: Bool = true, port: Int = 0) {
        self.seed = seed
        self.traffic = DemoTraffic.Options(ratePerMinute: ratePerMinute)
        self.ticker = ticker
        self.port = port
    }
}
