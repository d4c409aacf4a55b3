import ArgumentParser
import Dashboard
import Foundation
import Themes

/// Options of every command that opens the dashboard (connect, replay, demo).
struct DashboardOptions: ParsableArguments {
    @Option(help: "Theme name or path to a .toml theme file (NO_COLOR forces mono).")
    var theme: String?

    @Flag(name: .customLong("no-bell"), help: "Start with the bell muted (key m toggles).")
    var noBell = false

    @Option(name: .customLong("max-orders"), help: "Orders kept on screen; the oldest acknowledged go first, unacknowledged ones are never dropped.")
    var maxOrders: Int = 1000

    @Option(name: .customLong("re-ring"), help: ArgumentHelp(
        "An order not yet acknowledged, accepted or rejected rings again every S seconds (0: ring once).",
        valueName: "S"))
    var reRing: Double = AlertTimings.defaultReRing

    @Option(name: .customLong("aging-after"), help: ArgumentHelp(
        "Such an order's row turns 'aging' (and shows its age) after S seconds (0: never).", valueName: "S"))
    var agingAfter: Double = AlertTimings.defaultAgingAfter

    @Option(name: .customLong("overdue-after"), help: ArgumentHelp(
        "Such an order's row turns 'overdue' after S seconds (0: never).", valueName: "S"))
    var overdueAfter: Double = AlertTimings.defaultOverdueAfter

    /// `--no-bell`, or `no-bell = true` in the config file.
    func bellOff(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        noBell || (try? UserConfig.load(environment: environment))??.bool("no-bell") == true
    }

    /// Re-ring and ageing as the options set them.
    var alertTimings: AlertTimings {
        AlertTimings(reRing: reRing, agingAfter: agingAfter, overdueAfter: overdueAfter)
    }

    /// The theme to draw with; a bad name or file is one clear line on stderr and exit 2.
    func loadTheme(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        do {
            let configured = (try? UserConfig.load(environment: environment))??.string("theme")
            return try ThemeLoader.load(theme ?? configured, environment: environment)
        } catch {
            StandardError.line("\(error)")
            throw ExitCode(ExitCodes.badInput)
        }
    }

    func validate() throws {
        try OptionBounds.check(maxOrders, "max-orders", OptionBounds.retainedOrders)
        if let problem = alertTimings.problem { throw ValidationError(problem) }
    }
}
