// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "skydash",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "skydash", targets: ["skydash"]),
        .library(name: "WebSocketClient", targets: ["WebSocketClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // RFC 6455 client on SwiftNIO. Knows nothing about orders or the UI.
        .target(
            name: "WebSocketClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Message text -> typed notification. Pure, no sockets.
        .target(name: "Notifications"),
        // Front-end-neutral session events and their headless line format.
        .target(name: "Session", dependencies: ["Notifications"]),
        // The dashboard's State, update and view into an in-memory Canvas. Pure, no ncurses.
        .target(name: "Dashboard", dependencies: ["Notifications", "Session"]),
        // ncursesw, the wide-character curses library (apt: libncursesw5-dev).
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The terminal front end: ncurses backend copying the Canvas, and the dashboard's run loop.
        .target(name: "Terminal", dependencies: ["CNcursesw", "Dashboard", "Session"]),
        .executableTarget(
            name: "skydash",
            dependencies: [
                "WebSocketClient", "Notifications", "Session", "Dashboard", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "WebSocketClientTests",
            dependencies: [
                "WebSocketClient",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "NotificationsTests", dependencies: ["Notifications", "Session"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Notifications", "Session"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "WebSocketClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)
