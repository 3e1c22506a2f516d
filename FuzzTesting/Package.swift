// swift-tools-version: 6.1
// Fuzz targets for swift-dtls, kept out of the main build. Build from this directory with
// libFuzzer, AddressSanitizer and testability (for the internal decoders), as run.sh does:
//
//     swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -use-ld=lld \
//         --scratch-path .build-fuzz
import PackageDescription

/// A target linking the shared support library and the library under test.
func fuzzTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            "FuzzSupport",
            .product(name: "DTLSCore", package: "swift-dtls"),
            .product(name: "DTLSSimulation", package: "swift-dtls"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]
    )
}

let package = Package(
    name: "FuzzTesting",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-dtls", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.0"),
    ],
    targets: [
        // Declares libFuzzer's driver entry point, which the targets call from main.swift.
        .target(name: "LibFuzzerDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: [
                "LibFuzzerDriver",
                .product(name: "DTLSCore", package: "swift-dtls"),
                .product(name: "DTLSSimulation", package: "swift-dtls"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        fuzzTarget("FuzzRecordParser"),
        fuzzTarget("FuzzReassembler"),
        fuzzTarget("FuzzHandshakeMessages"),
        fuzzTarget("FuzzServerFirstDatagram"),
        fuzzTarget("FuzzServerSession"),
        // Writes Corpus/ from real in-memory handshakes; an ordinary program, not a fuzz target.
        fuzzTarget("GenerateCorpus"),
    ]
)
