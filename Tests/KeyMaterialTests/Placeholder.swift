import Testing

@Test func placeholder_KeyMaterialTests() {}
