import KeyMaterial
import Testing

struct ConcurrencyTests {
    static let fixtures = [
        "rsa2048-pkcs8.pem", "rsa2048-pkcs1.der", "ec-p256-sec1.pem", "ed25519-spki.der", "x448-pkcs8.pem",
        "dsa2048-traditional.pem", "cert-rsa2048-sha1-expired.pem", "multi-block.pem", "encrypted-pkcs8.der",
        "aes256.hex", "wrapped-oaep-sha256-4096.bin", "bundle-cert-key-matching.pem", "ec-secp256k1-pkcs8.pem",
    ]

    @Test func concurrentInspectionFromManyTasksMatchesSequentialResults() async throws {
        let inputs = try Self.fixtures.map { try Fixture.bytes($0) }
        let expected = try inputs.map { try KeyInspection.inspect($0) }
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mismatches = 0
                    for round in 0..<25 {
                        let position = (task + round) % inputs.count
                        if try KeyInspection.inspect(inputs[position]) != expected[position] { mismatches += 1 }
                    }
                    return mismatches
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test func perTaskInspectorsAgreeWithTheSendableEntryPoint() async throws {
        let inputs = try Self.fixtures.map { try Fixture.bytes($0) }
        let expected = try inputs.map { try KeyInspection.inspect($0) }
        let agreed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let inspector = try KeyInspector()
                    for _ in 0..<10 {
                        for (input, objects) in zip(inputs, expected) where try inspector.inspect(input) != objects {
                            return false
                        }
                    }
                    return true
                }
            }
            return try await group.allSatisfy { $0 }
        }
        #expect(agreed)
    }

    @Test func concurrentFailuresStayTypedAndIsolated() async throws {
        let bad = try Fixture.bytes("truncated-rsa2048-pkcs8.pem")
        let good = try Fixture.bytes("ec-p256-spki.der")
        let expected = try KeyInspection.inspect(good)
        let ok = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for _ in 0..<20 {
                        if task.isMultiple(of: 2) {
                            do throws(KeyMaterialError) { _ = try KeyInspection.inspect(bad); return false } catch {
                                guard case .malformed(0, _) = error else { return false }
                            }
                        } else if (try? KeyInspection.inspect(good)) != expected {
                            return false
                        }
                    }
                    return true
                }
            }
            return await group.allSatisfy { $0 }
        }
        #expect(ok)
    }
}
