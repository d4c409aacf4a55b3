import ArgumentParser
import DemoBackend

/// The stand-in backend's options, shared by `serve` and `demo`.
struct DemoOptions: ParsableArguments {
    @Option(help: "Seed of the random traffic (the same seed gives the same orders). Default: random (serve prints it).")
    var seed: UInt64?

    @Option(help: "New orders per minute, on average.")
    var rate: Double = 6

    @Flag(inversion: .prefixedNo, help: "The plain-text ticker every 5 s, like the backend.")
    var ticker = true

    @Option(name: .customLong("token-ttl"), help: ArgumentHelp(
        "Seconds an admin API token (login admin / 123456) stays valid; the backend's 2 h by default.", valueName: "S"))
    var tokenTTL: Double = 7200

    func validate() throws {
        try OptionBounds.check(rate, "rate", OptionBounds.demoRatePerMinute, unit: "orders per minute", zeroMeans: "no new orders")
        try OptionBounds.check(tokenTTL, "token-ttl", OptionBounds.tokenTTLSeconds, unit: "seconds")
    }

    func configuration(port: Int) -> DemoConfiguration {
        var config = seed.map { DemoConfiguration(seed: $0, ratePerMinute: rate, ticker: ticker, port: port) }
            ?? DemoConfiguration(ratePerMinute: rate, ticker: ticker, port: port)
        config.tokenTTL = tokenTTL
        return config
    }
}
