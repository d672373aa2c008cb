// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "policycheck",
    // UInt128 (IP arithmetic) needs macOS 15 on Apple platforms; Linux has no minimum.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PolicyCheck", targets: ["PolicyCheckKit", "PolicyCheckEvidence", "PolicyCheckPolicyTest", "PolicyCheckConfig", "PolicyCheckRender", "PolicyCheckInput", "PolicyCheckReport", "PolicyCheckPolicy", "PolicyCheckAdapters", "PolicyCheckModel", "PolicyCheckSyntax", "PolicyCheckNetwork", "KeyMaterial"]),
        .executable(name: "policycheck", targets: ["policycheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Reading bytes into position-aware trees (JSON and YAML).
        .target(name: "PolicyCheckSyntax", dependencies: [.product(name: "Yams", package: "Yams")]),
        // IP addresses, CIDR arithmetic and the IANA special-purpose registries.
        .target(name: "PolicyCheckNetwork"),
        // The OpenSSL boundary: a system library and the one Swift module that imports it.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "KeyMaterial", dependencies: ["COpenSSL"]),
        // The normalised model every adapter produces (Deployment, Origin, Located) and the support every phase uses
        // (diagnostics, settings documents, output files, timestamps).
        .target(name: "PolicyCheckModel", dependencies: ["PolicyCheckSyntax", "KeyMaterial"]),
        // One adapter per input format (native, Terraform plan and source, CloudFormation, Kubernetes, provisioner),
        // each turning a parsed tree into Deployments of the model.
        .target(name: "PolicyCheckAdapters", dependencies: ["PolicyCheckModel", "PolicyCheckSyntax", "PolicyCheckNetwork"]),
        // Policy packs and their compiler, the built-in and custom checks, and evaluation (policy × Deployment ×
        // clock → findings). Checks see only the model, never an adapter.
        .target(
            name: "PolicyCheckPolicy",
            dependencies: ["PolicyCheckModel", "PolicyCheckSyntax", "PolicyCheckNetwork", "KeyMaterial"],
            // The default pack, compiled in once (policies/mattermost-cloud.yaml, linked), and its tree rendered
            // for start-up: the binary needs no files beside it.
            resources: [
                .embedInCode("Policy/Resources/mattermost-cloud.yaml"),
                .embedInCode("Policy/Resources/mattermost-cloud.tree.json"),
            ]
        ),
        // Suppression (waivers, inline ignores, baselines) and the reporters: one writer per format, fed findings.
        .target(
            name: "PolicyCheckReport",
            dependencies: ["PolicyCheckPolicy", "PolicyCheckModel", "PolicyCheckSyntax", "KeyMaterial"]
        ),
        // Finding inputs and reading them: the directory walk (what is an input, what is skipped and why, which
        // directories are charts or kustomizations to render), detection and adapting of each file, key files and BYOK
        // materials.
        .target(
            name: "PolicyCheckInput",
            dependencies: ["PolicyCheckAdapters", "PolicyCheckModel", "PolicyCheckSyntax", "KeyMaterial"]
        ),
        // The renderer seam: the one place that starts processes (helm template, kubectl kustomize).
        .target(
            name: "PolicyCheckRender",
            dependencies: ["PolicyCheckInput", "PolicyCheckPolicy", "PolicyCheckModel", "KeyMaterial"]
        ),
        // Settings: .policycheck.yaml layered under command-line flags, and what they change.
        .target(
            name: "PolicyCheckConfig",
            dependencies: ["PolicyCheckRender", "PolicyCheckReport", "PolicyCheckPolicy", "PolicyCheckModel", "PolicyCheckSyntax", "KeyMaterial"]
        ),
        // Evidence bundles: writing, signing and verifying them.
        .target(
            name: "PolicyCheckEvidence",
            dependencies: ["PolicyCheckConfig", "PolicyCheckReport", "PolicyCheckPolicy", "PolicyCheckAdapters", "PolicyCheckModel", "PolicyCheckSyntax", "KeyMaterial"]
        ),
        // Policy tests (`policy test`): a pack's rules run against their fixtures.
        .target(
            name: "PolicyCheckPolicyTest",
            dependencies: ["PolicyCheckInput", "PolicyCheckReport", "PolicyCheckPolicy", "PolicyCheckAdapters", "PolicyCheckModel", "PolicyCheckSyntax", "KeyMaterial"]
        ),
        // The run (discovery, rendering, reading and checking files in parallel, suppression, reporting), and the
        // top of the library: it re-exports every phase below it.
        .target(
            name: "PolicyCheckKit",
            dependencies: [
                "PolicyCheckEvidence", "PolicyCheckPolicyTest", "PolicyCheckConfig", "PolicyCheckRender", "PolicyCheckInput",
                "PolicyCheckReport", "PolicyCheckPolicy", "PolicyCheckAdapters", "PolicyCheckModel", "PolicyCheckSyntax",
                "PolicyCheckNetwork", "KeyMaterial",
            ]
        ),
        // The register of runs (SOC 2 period evidence): one protocol, a SQLite and a PostgreSQL engine.
        .target(
            name: "PolicyCheckRegister",
            dependencies: [
                "PolicyCheckKit",
                "KeyMaterial",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "policycheck",
            dependencies: [
                "PolicyCheckKit",
                "PolicyCheckRegister",
                "KeyMaterial",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets that start policycheck as a child process share (not a test target: no tests).
        .target(name: "PolicyCheckTestSupport", path: "Tests/PolicyCheckTestSupport"),
        .testTarget(name: "PolicyCheckSyntaxTests", dependencies: ["PolicyCheckSyntax"]),
        .testTarget(name: "PolicyCheckNetworkTests", dependencies: ["PolicyCheckTestSupport", "PolicyCheckNetwork"]),
        .testTarget(name: "KeyMaterialTests", dependencies: ["KeyMaterial"], exclude: ["Fixtures"]),
        .testTarget(name: "PolicyCheckKitTests", dependencies: ["PolicyCheckTestSupport", "PolicyCheckKit", "PolicyCheckEvidence", "PolicyCheckPolicyTest", "PolicyCheckConfig", "PolicyCheckRender", "PolicyCheckInput", "PolicyCheckReport", "PolicyCheckPolicy", "PolicyCheckAdapters", "PolicyCheckModel", "PolicyCheckSyntax"], exclude: ["Fixtures"]),
        .testTarget(name: "PolicyCheckRegisterTests", dependencies: [
            "PolicyCheckTestSupport", "PolicyCheckRegister", "PolicyCheckKit", "policycheck",
            // To make SQLite files that are not registers (a foreign database, an old schema).
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "PolicyCheckCLITests", dependencies: ["PolicyCheckTestSupport", "PolicyCheckKit", "policycheck"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
