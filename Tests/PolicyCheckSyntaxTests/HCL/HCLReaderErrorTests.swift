import PolicyCheckSyntax
import Testing

/// Bad input: one line, located where the problem is.
@Test(arguments: [
    InvalidCase("a = ", "unexpected end of input, expected an expression", at: 4),
    InvalidCase("a = 1 2", "expected a newline after the value of 'a', found '2'", at: 6),
    InvalidCase("a = 1\na = 2", "attribute 'a' is set twice (first at offset 0)", at: 6),
    InvalidCase("b {\n", "unexpected end of input, expected '}' to close the block", at: 4),
    InvalidCase("b \"x\" y", "expected '=' or a block's labels and '{' after 'b', found the end of input", at: 7),
    InvalidCase("b \"${x}\" {}", "a block label cannot contain interpolations or directives", at: 2),
    InvalidCase("a = \"abc", "unexpected end of input in a string, expected '\"'", at: 8),
    InvalidCase("a = \"ab\nc\"", "a quoted string cannot span lines (use a heredoc, <<EOT), expected '\"'", at: 7),
    InvalidCase("a = \"\\q\"", "unknown escape '\\q' in a string", at: 5),
    InvalidCase("a = \"\\u12\"", "expected 4 hex digits of a Unicode scalar after '\\u'", at: 5),
    InvalidCase("a = <<EOT\nnever closed\n", "heredoc 'EOT' is not closed: expected a line with 'EOT' alone", at: 4),
    InvalidCase("a = <<EOT x\n", "expected a newline after the heredoc marker 'EOT'", at: 9),
    InvalidCase("a = \"%{ if x }y\"", "'%{ if }' is not closed: expected '%{ endif }'", at: 5),
    InvalidCase("a = \"%{ endif }\"", "'%{ endif }' without a matching directive", at: 5),
    InvalidCase("a = \"%{ while }\"", "expected 'if', 'for', 'else', 'endif' or 'endfor' after '%{', found 'while'", at: 8),
    InvalidCase("a = \"${x\"", "expected '}' to close the interpolation, found '\"'", at: 8),
    InvalidCase("a = [1 2]", "expected ',' or ']' after a tuple item, found '2'", at: 7),
    InvalidCase("a = {x 1}", "expected '=' or ':' after an object key, found '1'", at: 7),
    InvalidCase("a = {x = 1 y = 2}", "expected ',', a newline or '}' after an object item, found 'y'", at: 11),
    InvalidCase("a = f(x... y)", "expected ')' after '...' (only the last argument can be expanded), found 'y'", at: 11),
    InvalidCase("a = f(x y)", "expected ',' or ')' in the arguments of 'f', found 'y'", at: 8),
    InvalidCase("a = [for x in y x]", "expected ':' after the collection of the for expression, found 'x'", at: 16),
    InvalidCase("a = {for k, v in m : k v}", "expected '=>' between the key and the value of an object for expression, found 'v'", at: 23),
    InvalidCase("a = x.", "expected an attribute name after '.', found the end of input", at: 6),
    InvalidCase("a = c ? 1", "expected ':' between the results of a conditional, found the end of input", at: 9),
    InvalidCase("a = 1e", "expected a digit in the number's exponent", at: 6),
    InvalidCase("a = ]", "expected an expression, found ']'", at: 4),
    InvalidCase("/* open", "expected an attribute name or a block type, found an unterminated '/*' comment", at: 0),
    InvalidCase("a = 1 /* open", "expected a newline after the value of 'a', found an unterminated '/*' comment", at: 6),
    InvalidCase("= 1", "expected an attribute name or a block type, found '='", at: 0),
    // A password whose quotes were forgotten is not echoed into a CI log (reviewer round 29); syntax still is.
    InvalidCase("password = Hunter2 SuperSecretValue\n", "expected a newline after the value of 'password', found an unquoted word (not shown: it may be a secret)", at: 19),
    InvalidCase("password = \"%{Hunter2SuperSecretValue}\"", "expected 'if', 'for', 'else', 'endif' or 'endfor' after '%{', found an unquoted word (not shown: it may be a secret)", at: 14),
    InvalidCase("a = 1 0042778199311\n", "expected a newline after the value of 'a', found an unquoted word (not shown: it may be a secret)", at: 6),
    InvalidCase("Hunter2SuperSecretValue \"x\"\n", "expected '=' or a block's labels and '{' after an unquoted word (not shown: it may be a secret), found a newline", at: 27),
    InvalidCase("a = 1 \"Hunter2\"", "expected a newline after the value of 'a', found '\"'", at: 6),
    InvalidCase("a = Hunter2::SuperSecret\n", "expected '(' after a name, an unquoted word (not shown: it may be a secret)", at: 24),
    InvalidCase("a = provider::aws::arn_parse\n", "expected '(' after the function name 'provider::aws::arn_parse'", at: 28),
    InvalidCase("a = {x = 1 Hunter2Super = 2}", "expected ',', a newline or '}' after an object item, found an unquoted word (not shown: it may be a secret)", at: 11),
    InvalidCase("a = {x = 1 for_each = 2}", "expected ',', a newline or '}' after an object item, found 'for_each'", at: 11),
])
func invalidHCLIsRejectedAtItsPlace(_ testCase: InvalidCase) {
    #expect {
        _ = try HCLReader().read(testCase.input)
    } throws: { error in
        guard let error = error as? SyntaxError else { return false }
        return error.message == testCase.message && error.offset == testCase.offset && !error.message.contains("\n")
    }
}

@Test func deepNestingIsRejectedWithoutExhaustingTheStack() {
    for opener in ["[", "(", "{a=", "-", "!", "b {\n"] {
        let text = "a = " + String(repeating: opener, count: 100_000)
        #expect(throws: SyntaxError.self) { _ = try HCLReader().read(Array(text.utf8)) }
    }
    let chain = "a = x" + String(repeating: ".y", count: 100_000)
    #expect(throws: SyntaxError(offset: 261, message: "nesting deeper than 128 levels")) {
        _ = try HCLReader().read(Array(chain.utf8))
    }
    let sum = "a = 1" + String(repeating: " + 1", count: 100_000)
    #expect(throws: SyntaxError.self) { _ = try HCLReader().read(Array(sum.utf8)) }
}

@Test func hugeHeredocIsRejected() {
    let text = "a = <<EOT\n" + String(repeating: "x", count: 2 << 20) + "\nEOT\n"
    #expect(throws: SyntaxError(offset: 4, message: "heredoc longer than 1048576 bytes")) {
        _ = try HCLReader().read(Array(text.utf8))
    }
    let quoted = "a = \"" + String(repeating: "x", count: 2 << 20) + "\""
    #expect(throws: SyntaxError.self) { _ = try HCLReader().read(Array(quoted.utf8)) }
}
