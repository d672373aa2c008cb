import Testing

@Test func placeholder_PolicyCheckKitTests() {}
