import Testing

@Test func placeholder_PolicyCheckSyntaxTests() {}
