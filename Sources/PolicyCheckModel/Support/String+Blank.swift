extension String {
    /// Whether the text is empty or only white space: an input value that says nothing (`customDomain: ""`).
    package var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}
