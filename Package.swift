// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "skydash",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "skydash", targets: ["skydash"]),
        .library(name: "WebSocketClient", targets: ["WebSocketClient"]),
        .library(name: "DemoBackend", targets: ["DemoBackend"]),
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
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The stand-in backend for `skydash demo` / `serve`: seeded order traffic, a loopback
        // WebSocket server that behaves like the real one, and the `serve` stdin commands.
        .target(
            name: "DemoBackend",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        // Message text -> typed notification. Pure, no sockets.
        .target(name: "Notifications"),
        // Front-end-neutral session events and their headless line format.
        .target(name: "Session", dependencies: ["Notifications"]),
        // The dashboard's State, update and view into an in-memory Canvas. Pure, no ncurses.
        .target(name: "Dashboard", dependencies: ["Notifications", "Session"]),
        .executableTarget(
            name: "skydash",
            dependencies: [
                "WebSocketClient", "Notifications", "Session",
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
        .testTarget(
            name: "DemoBackendTests",
            dependencies: [
                "DemoBackend", "WebSocketClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
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
