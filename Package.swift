// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "swift-dtls",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DTLSCore", targets: ["DTLSCore"]),
        .library(name: "DTLSX509", targets: ["DTLSX509"]),
        .library(name: "NIODTLS", targets: ["NIODTLS"]),
        .library(name: "DTLSSimulation", targets: ["DTLSSimulation"]),
        .executable(name: "dtls", targets: ["DTLSTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/ordo-one/malloc-interposer.git", from: "1.6.0"),
    ],
    targets: [
        .target(
            name: "DTLSCore",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DTLSX509",
            dependencies: [
                "DTLSCore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DTLSSimulation",
            dependencies: [
                "DTLSCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "NIODTLS",
            dependencies: [
                "DTLSCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "DTLSTool",
            dependencies: [
                "DTLSCore",
                "DTLSX509",
                "NIODTLS",
                "DTLSSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "DTLSCoreTests",
            dependencies: [
                "DTLSCore",
                "DTLSSimulation",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "DTLSX509Tests",
            dependencies: [
                "DTLSCore",
                "DTLSX509",
                "DTLSSimulation",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DTLSScenarioTests",
            dependencies: ["DTLSCore", "DTLSSimulation", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "NIODTLSTests",
            dependencies: [
                "DTLSCore",
                "NIODTLS",
                "ProcessTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "ProcessTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/ProcessTestSupport"
        ),
        .testTarget(
            name: "DTLSInteropTests",
            dependencies: [
                "DTLSCore",
                "DTLSX509",
                "NIODTLS",
                "ProcessTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DTLSToolTests",
            dependencies: ["DTLSTool", "ProcessTestSupport"]
        ),
    ]
)
