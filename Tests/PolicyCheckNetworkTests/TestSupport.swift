import Testing
@testable import PolicyCheckNetwork

/// A CIDR from text that the test asserts is valid.
func block(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CIDR {
    try #require(CIDR(text), "'\(text)' should parse", sourceLocation: sourceLocation)
}

/// CIDRs from texts that the test asserts are valid.
func blocks(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [CIDR] {
    try texts.map { try block($0, sourceLocation: sourceLocation) }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}

extension String {
    func trimmingForTest() -> String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
