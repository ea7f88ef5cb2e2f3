// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "indsats",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "indsats", targets: ["indsats"]),
        .library(name: "IndsatsKit", targets: ["IndsatsKit"]),
    ],
    dependencies: [
        // Command-line parsing with generated --help (README: "Dependencies").
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML for grammar files, with line numbers for error messages.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Poppler's core (C++), for the glyphs of a page without its text layout
        // (README: "Why poppler's core").
        .target(name: "CPopplerCore", dependencies: ["CPopplerPrivate"]),
        // Only pkg-config's flags for poppler's core: its headers include each
        // other by bare name from their own directory.
        .systemLibrary(
            name: "CPopplerPrivate",
            pkgConfig: "poppler",
            providers: [.apt(["pkg-config", "libpoppler-private-dev"])]
        ),
        // poppler-glib, only for the tests: an independent reading of the PDFs.
        .systemLibrary(
            name: "CPopplerGlib",
            path: "Tests/CPopplerGlib",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // SHA-256 with the CPU's SHA extensions, where it has them (README: "Dependencies").
        .target(name: "CSHA256"),
        .target(
            name: "IndsatsKit",
            dependencies: [
                "CPopplerCore",
                "CSHA256",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/indsats-document.schema.json")]
        ),
        .executableTarget(
            name: "indsats",
            dependencies: [
                "IndsatsKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "IndsatsKitTests",
            dependencies: ["IndsatsKit", "CPopplerGlib", "indsats"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
