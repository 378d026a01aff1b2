// swift-tools-version: 6.1
// Takt: capture controller for mobile-mapping survey vehicles.
// The target graph is the architecture: arrows point toward TaktCore, which is pure (stdlib only, no I/O).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Takt",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "takt", targets: ["takt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Pure core: time model, codecs, bundle formats, rig model, status wire types.
        .target(name: "TaktCore", swiftSettings: strict),

        // System libraries (Debian 12): one module per C library, nothing else.
        .systemLibrary(name: "CGPS", pkgConfig: "libgps", providers: [.apt(["libgps-dev"])]),
        .systemLibrary(name: "CUSB", pkgConfig: "libusb-1.0", providers: [.apt(["libusb-1.0-0-dev"])]),
        .systemLibrary(name: "CSerialPort", pkgConfig: "libserialport", providers: [.apt(["libserialport-dev"])]),

        // Thin adapters: each imports exactly its C module plus TaktCore.
        .target(name: "TaktGPS", dependencies: ["CGPS", "TaktCore"], swiftSettings: strict),
        .target(name: "TaktUSB", dependencies: ["CUSB", "TaktCore"], swiftSettings: strict),
        .target(name: "TaktSerial", dependencies: ["CSerialPort", "TaktCore"], swiftSettings: strict),

        // On-disk bundles: durable files, BagIt close, recovery, verification (file I/O over the core formats).
        .target(
            name: "TaktStore",
            dependencies: ["TaktCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),

        // The daemon: supervised services wiring adapters to the core and the store.
        .target(
            name: "TaktDaemon",
            dependencies: [
                "TaktCore", "TaktStore", "TaktGPS", "TaktSerial", "TaktUSB",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        // The simulated rig (a product feature: `takt simulate`) and emulator drivers.
        .target(name: "TaktSimulation", dependencies: ["TaktCore", "TaktStore", "TaktDaemon"], swiftSettings: strict),

        // The CLI command tree (a library so tests can run it in-process).
        .target(
            name: "TaktCLI",
            dependencies: [
                "TaktCore", "TaktStore", "TaktDaemon", "TaktSimulation", "TaktSerial", "TaktUSB",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "takt", dependencies: ["TaktCLI"], swiftSettings: strict),

        // Helpers shared by the test targets that drive external tools (not shipped).
        .target(name: "TaktTestSupport", path: "Tests/TaktTestSupport", swiftSettings: strict),

        .testTarget(
            name: "TaktCoreTests", dependencies: ["TaktCore"], exclude: ["Support/mcap_check.py"],
            resources: [.copy("Fixtures")], swiftSettings: strict
        ),
        .testTarget(name: "TaktStoreTests", dependencies: ["TaktCore", "TaktStore"], swiftSettings: strict),
        .testTarget(name: "TaktGPSTests", dependencies: ["TaktCore", "TaktGPS", "TaktSimulation"], swiftSettings: strict),
        .testTarget(
            name: "TaktSerialTests", dependencies: ["TaktCore", "TaktSerial"], exclude: ["README.md"],
            swiftSettings: strict
        ),
        .testTarget(name: "TaktUSBTests", dependencies: ["TaktCore", "TaktUSB"], swiftSettings: strict),
        .testTarget(name: "TaktDaemonTests", dependencies: ["TaktTestSupport", "TaktCore", "TaktStore", "TaktDaemon", "TaktSimulation", "TaktSerial"], swiftSettings: strict),
        .testTarget(name: "TaktSimulationTests", dependencies: ["TaktTestSupport", "TaktCore", "TaktSimulation"], swiftSettings: strict),
        // Hardware-in-loop: each test is written once against a rig and runs on the simulated rig, the emulated rig
        // (real C libraries, emulated devices) and, with TAKT_RIG set, the real vehicle (scripts/hil).
        .testTarget(name: "IntegrationTests", dependencies: ["TaktTestSupport", "TaktCore", "TaktStore"], swiftSettings: strict),
        .testTarget(name: "TaktCLITests", dependencies: ["TaktCore", "TaktCLI", "TaktStore", .product(name: "ArgumentParser", package: "swift-argument-parser")], swiftSettings: strict),
    ]
)
