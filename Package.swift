// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "skydash",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "skydash", targets: ["skydash"]),
        // libFuzzer targets by name (scripts/fuzz NAME SECONDS); a plain build replays the files it is given.
        .executable(name: "skydash-fuzz", targets: ["Fuzz"]),
        .library(name: "WebSocketClient", targets: ["WebSocketClient"]),
        .library(name: "Themes", targets: ["Themes"]),
        .library(name: "DemoBackend", targets: ["DemoBackend"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // RFC 6455 client on SwiftNIO. Knows nothing about orders or the UI.
        // Secrets out of everything reported: URLs (userinfo, token-like query values), secret
        // header values inside any text. Pure, no dependencies.
        .target(name: "Redaction"),
        // Who closed a connection: one word for the client, the session events, the journal and
        // the dashboard. Pure, no dependencies.
        .target(name: "Closing"),
        .target(
            name: "WebSocketClient",
            dependencies: [
                "Redaction", "Closing",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The stand-in backend for `skydash demo` / `serve`: seeded order traffic, a loopback
        // WebSocket server that behaves like the real one, the admin REST API under /admin on the
        // same port (orders, HS256 tokens signed with Crypto's HMAC), and the `serve` stdin commands.
        .target(
            name: "DemoBackend",
            dependencies: [
                "Session", "Orders", "Notifications",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        // Message text -> typed notification. Pure, no sockets.
        .target(name: "Notifications"),
        // Orders as the admin API describes them: status, money (Decimal), dishes, actions and when
        // the backend allows them. Pure, no HTTP.
        .target(name: "Orders", dependencies: ["Notifications"]),
        // The backend's admin REST API: configuration, credentials, request building, the
        // {"code","msg","data"} envelope, token renewal, and an actor client on AsyncHTTPClient.
        .target(
            name: "AdminAPI",
            dependencies: [
                "Orders", "Notifications", "Session", "WebSocketClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // skydash's config file (TOML): defaults for long options, errors naming file, line and key.
        // Also home of KeyLineFinder, which theme errors use too.
        .target(name: "ConfigFile", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        // Front-end-neutral session events and their headless line format.
        .target(name: "Session", dependencies: ["Notifications", "Orders", "Closing"]),
        // The dashboard's State, update and view into an in-memory Canvas. Pure, no ncurses.
        .target(name: "Dashboard", dependencies: ["Notifications", "Orders", "Session", "Redaction", "Closing"]),
        // ncursesw, the wide-character curses library (apt: libncursesw5-dev).
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The terminal front end: ncurses backend copying the Canvas, and the dashboard's run loop.
        .target(name: "Terminal", dependencies: ["CNcursesw", "Dashboard", "Session", "Themes"]),
        // The notification log format (reader, encoder), the journal writer and the replay clock.
        .target(name: "Journal", dependencies: ["Session", "Notifications", "Orders", "Redaction", "Closing"]),
        // Theme files (TOML) -> per-role terminal colours and attributes. Pure, no ncurses.
        // The built-in themes are the files in themes/ at the repo root, reached through the
        // symlink Sources/Themes/BuiltinThemes -> ../../themes and compiled into the binary
        // (.embedInCode), so an installed or copied binary needs no resource folder beside it.
        // A theme added to themes/ must be listed here and in BuiltinThemes.swift (a test checks).
        .target(
            name: "Themes",
            dependencies: ["Dashboard", "ConfigFile", .product(name: "TOMLKit", package: "TOMLKit")],
            exclude: ["BuiltinThemes/README.md"],
            resources: [
                .embedInCode("BuiltinThemes/default.toml"),
                .embedInCode("BuiltinThemes/high-contrast.toml"),
                .embedInCode("BuiltinThemes/light.toml"),
                .embedInCode("BuiltinThemes/mono.toml"),
            ]
        ),
        .executableTarget(
            name: "skydash",
            dependencies: [
                "WebSocketClient", "Notifications", "Session", "Dashboard", "Terminal", "Journal", "Themes", "DemoBackend",
                "Orders", "AdminAPI", "ConfigFile", "Redaction", "Closing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "Fuzz",
            dependencies: [
                "WebSocketClient", "Notifications", "Journal", "Session", "Themes", "ConfigFile", "Dashboard",
                "AdminAPI", "Orders", .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Helpers the test targets share: our own client as a probe, a recorder to wait on, temporary
        // directories, teardown. A plain target (no XCTest, no Swift Testing) under Tests/.
        .target(
            name: "TestSupport",
            dependencies: [
                "WebSocketClient", "Closing",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "WebSocketClientTests",
            dependencies: [
                "WebSocketClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DemoBackendTests",
            dependencies: [
                "DemoBackend", "WebSocketClient", "Orders", "Notifications", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "OrdersTests", dependencies: ["Orders", "Notifications"]),
        .testTarget(name: "AdminAPITests", dependencies: ["AdminAPI", "Orders", "Notifications", "ConfigFile"]),
        .testTarget(name: "NotificationsTests", dependencies: ["Notifications", "Orders", "Session", "DemoBackend"]),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "Notifications", "Orders", "Session", "DemoBackend",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "CNcursesw", "Dashboard", "Session", "Notifications"]),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "Notifications", "Orders", "Session", "TestSupport"]),
        .testTarget(name: "ThemesTests", dependencies: ["Themes", "Dashboard", "ConfigFile", "TestSupport"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "WebSocketClient", "TestSupport", "Closing",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)
