import Testing

@Test func placeholder_PolicyCheckCLITests() {}
