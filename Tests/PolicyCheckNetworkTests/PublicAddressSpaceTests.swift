import PolicyCheckNetwork
import Testing

/// The addresses no internet host connects from, which an allowlist may leave out and still admit the internet.
struct PublicAddressSpaceTests {
    static func covered(_ text: String, _ version: IPVersion) -> Bool {
        let address = CIDR(text)!
        return PublicAddressSpace.unreachable(version).contains { $0.contains(address) }
    }

    @Test func ipv4LeavesOutPrivateMulticastAndReservedBlocksButNotReachableOnes() {
        for block in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "100.64.0.0/10",
                      "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "192.0.2.0/24", "192.0.0.8/32"] {
            #expect(Self.covered(block, .v4), "\(block)")
        }
        // Public space, IANA's globally reachable anycast inside 192.0.0.0/24, and "N/A" blocks stay public.
        for block in ["8.8.8.0/24", "192.0.0.9/32", "192.0.0.10/32", "192.88.99.0/24", "11.0.0.0/8"] {
            #expect(!Self.covered(block, .v4), "\(block)")
        }
    }

    @Test func ipv6LeavesOutAllButGlobalUnicastAndItsDocumentationBlocks() {
        for block in ["::/3", "4000::/2", "fc00::/7", "fe80::/10", "ff00::/8", "2001:db8::/32", "3fff::/20"] {
            #expect(Self.covered(block, .v6), "\(block)")
        }
        for block in ["2a00:1450::/32", "2001:20::/28", "2002::/16", "2001::/32", "3ffe::/16"] {
            #expect(!Self.covered(block, .v6), "\(block)")
        }
    }
}
