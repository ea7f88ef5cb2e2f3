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
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        .target(
            name: "IndsatsKit",
            dependencies: [
                "CPoppler",
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
            dependencies: ["IndsatsKit", "CPoppler", "indsats"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
