import Foundation
import KeyMaterial
import Testing

/// Opt-in throughput probe: `KEYMATERIAL_BENCH=1 swift test -c release --filter InspectionThroughput`.
///
/// Prints files/s for a reused `KeyInspector` so it can be compared with a C loop that reuses
/// OpenSSL decoder contexts. It asserts nothing about speed (machines differ).
struct InspectionThroughputTests {
    static let fixtures = [
        "rsa2048-pkcs8.pem", "ec-p256-pkcs8.pem", "ed25519-pkcs8.pem", "rsa2048-spki.der",
        "ec-p256-spki.der", "rsa2048-pkcs1.pem", "ec-p256-sec1.pem", "ed25519-spki.pem",
    ]

    @Test(.enabled(if: ProcessInfo.processInfo.environment["KEYMATERIAL_BENCH"] != nil))
    func reusedInspectorThroughput() throws {
        let inputs = try Self.fixtures.map { try Fixture.bytes($0) }
        let inspector = try KeyInspector()
        let rounds = 2_000
        let clock = ContinuousClock()
        var objects = 0
        let elapsed = try clock.measure {
            for _ in 0..<rounds {
                for input in inputs { objects += try inspector.inspect(input).count }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("KeyInspector: \(Int(Double(rounds * inputs.count) / seconds)) files/s (\(objects) objects)")
        #expect(objects == rounds * inputs.count)
    }
}
