import Foundation
import Testing

/// Every numeric option has bounds: a value outside them is a usage error (exit 64) that names
/// the flag and the range, before anything runs (these values used to trap at run time).
@Suite struct OptionLimitsTests {
    static let url = "ws://127.0.0.1:9/ws/"

    @Test(arguments: [
        (["connect", url, "--headless", "--ping-interval", "1e10"], "--ping-interval must be 0 (no pings) or between 0.001 and 3600 seconds, got 10000000000"),
        (["connect", url, "--headless", "--ping-interval=-1"], "--ping-interval must be 0 (no pings) or between 0.001 and 3600 seconds, got -1"),
        (["connect", url, "--headless", "--pong-timeout", "1e10"], "--pong-timeout must be between 0.001 and 3600 seconds, got 10000000000"),
        (["connect", url, "--headless", "--connect-timeout", "1e10"], "--connect-timeout must be between 0.001 and 3600 seconds, got 10000000000"),
        (["connect", url, "--headless", "--connect-timeout", "nan"], "--connect-timeout must be between 0.001 and 3600 seconds, got nan"),
        (["connect", url, "--headless", "--backoff-initial", "1e10"], "--backoff-initial must be between 0.001 and 3600 seconds, got 10000000000"),
        (["connect", url, "--headless", "--backoff-max", "1e10"], "--backoff-max must be between 0.001 and 86400 seconds, got 10000000000"),
        (["connect", url, "--headless", "--max-message-size", "9223372036854775807"], "--max-message-size must be between 125 and 1073741824 bytes, got 9223372036854775807"),
        (["connect", url, "--headless", "--max-message-size", "100"], "--max-message-size must be between 125 and 1073741824 bytes, got 100"),
        (["connect", url, "--max-orders", "0"], "--max-orders must be between 1 and 100000, got 0"),
        (["connect", url, "--max-orders", "10000000"], "--max-orders must be between 1 and 100000, got 10000000"),
        (["replay", "-", "--max-orders", "9223372036854775807"], "--max-orders must be between 1 and 100000, got 9223372036854775807"),
        (["connect", url, "--re-ring", "1e300"], "--re-ring must be at most 86400 seconds (a day), not 1e+300"),
        (["connect", url, "--aging-after", "1e10", "--overdue-after", "0"], "--aging-after must be at most 86400 seconds (a day), not 10000000000"),
        (["connect", url, "--overdue-after", "1e10"], "--overdue-after must be at most 86400 seconds (a day), not 10000000000"),
        (["serve", "--rate", "1e-9"], "--rate must be 0 (no new orders) or between 0.01 and 6000 orders per minute, got 1e-09"),
        (["serve", "--rate", "1e9"], "--rate must be 0 (no new orders) or between 0.01 and 6000 orders per minute, got 1000000000"),
        (["serve", "--token-ttl", "1e12"], "--token-ttl must be between 1 and 2592000 seconds, got 1000000000000"),
        (["serve", "--port", "70000"], "--port must be 0...65535"),
        (["replay", "--headless", "-", "--speed", "1e10"], "--speed must be between 0.001 and 1000000 times as fast, got 10000000000"),
        (["replay", "--headless", "-", "--interval", "1e10"], "--interval must be 0 (all at once) or between 0.001 and 3600 seconds, got 10000000000"),
        (["orders", "--url", url, "--page", "0"], "--page must be between 1 and 1000000, got 0"),
        (["orders", "--url", url, "--page-size", "1000"], "--page-size must be 1-100, got 1000"),
        (["orders", "--url", url, "--status", "9"], "--status must be 1-7, got 9"),
    ])
    func outOfRangeValueIsAUsageError(arguments: [String], message: String) throws {
        let run = try Skydash.run(arguments)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(run.stderr.joined(separator: "\n").contains(message), "\(arguments): \(run.stderr)")
    }

    /// The edges themselves are accepted (checked by validation only: `config` parses nothing live).
    @Test func boundsThemselvesPassValidation() throws {
        let run = try Skydash.run(["connect", "ws://127.0.0.1:1/ws/", "--headless", "--no-journal", "--ping-interval", "3600",
                                   "--connect-timeout", "0.5", "--backoff-initial", "3600", "--backoff-max", "86400",
                                   "--max-message-size", "1073741824"], timeout: 5)
        // It runs (and keeps retrying the closed port) instead of a usage error.
        #expect(run.status != 64, "\(run.stderr)")
        #expect(!run.stdout.isEmpty)
    }
}
