import Testing

@Test func placeholder_PolicyCheckNetworkTests() {}
