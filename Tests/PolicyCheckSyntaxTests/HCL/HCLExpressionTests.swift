import PolicyCheckSyntax
import Testing

/// Every expression form of the native syntax, pinned with each node's line:column.
struct HCLExpressionCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String
    var testDescription: String { input.debugDescription }
    init(_ input: String, _ expected: String) {
        self.input = input
        self.expected = expected
    }
}

@Test(arguments: [
    // Literals.
    HCLExpressionCase("a = 1", "a@1:1=1@1:5"),
    HCLExpressionCase("a = 1.5e3", "a@1:1=1.5e3@1:5"),
    HCLExpressionCase("a = true", "a@1:1=true@1:5"),
    HCLExpressionCase("a = false", "a@1:1=false@1:5"),
    HCLExpressionCase("a = null", "a@1:1=null@1:5"),
    // Strings: escapes, literal "${" and "%{", interpolation, strip markers, directives.
    HCLExpressionCase(#"a = "x\n\"\u00e9\U0001F600\\""#, #"a@1:1=""x\n\"é😀\\"@1:6"@1:5"#),
    HCLExpressionCase(#"a = "$${x} %%{y}""#, #"a@1:1=""${x} %{y}"@1:6"@1:5"#),
    HCLExpressionCase(#"a = "pre-${var.x}-post""#, #"a@1:1=""pre-"@1:6${(. var@1:12 x)}"-post"@1:18"@1:5"#),
    HCLExpressionCase(#"a = "x ${~ y ~} z""#, #"a@1:1=""x"@1:6${y@1:12}"z"@1:17"@1:5"#),
    HCLExpressionCase(#"a = "%{ if c }yes%{ else }no%{ endif }""#,
                      #"a@1:1="%{if@1:6 c@1:12}"yes"@1:15%{else}"no"@1:27%{endif}"@1:5"#),
    HCLExpressionCase(#"a = "%{ for k, v in m }${k}=${v},%{ endfor }""#,
                      #"a@1:1="%{for@1:6 k,v in m@1:21}${k@1:26}"="@1:28${v@1:31}","@1:33%{endfor}"@1:5"#),
    // Heredocs, plain and indented.
    HCLExpressionCase("a = <<EOT\nhello ${name}\nEOT\n", #"a@1:1=""hello "@2:1${name@2:9}"\n"@2:14"@1:5"#),
    HCLExpressionCase("a = <<-EOT\n    one\n      two\n    EOT\n", #"a@1:1=""one\n  two\n"@2:1"@1:5"#),
    // HCL trims the closing line with Go's bytes.TrimSpace: a no-break space, an ideographic space or a line
    // separator around the marker still ends the heredoc (what follows is configuration, not text).
    HCLExpressionCase("a = <<EOT\nhello\nEOT\u{A0}\n", #"a@1:1=""hello\n"@2:1"@1:5"#),
    HCLExpressionCase("a = <<EOT\nhello\n\u{3000}EOT\u{2028}\n", #"a@1:1=""hello\n"@2:1"@1:5"#),
    HCLExpressionCase("a = <<EOT\nhello\n\u{85}EOT\u{B}\n", #"a@1:1=""hello\n"@2:1"@1:5"#),
    // A character that is not white space beside the marker leaves the line text.
    HCLExpressionCase("a = <<EOT\nEOT\u{200B}\nEOT\n", "a@1:1=\"\"EOT\u{200B}\\n\"@2:1\"@1:5"),
    // Tuples and objects (bare names are literal keys; parenthesised keys are expressions).
    HCLExpressionCase("a = [1, \"b\",\n  c,\n]", #"a@1:1=[1@1:6, ""b"@1:10"@1:9, c@2:3]@1:5"#),
    HCLExpressionCase("a = {\n  x = 1\n  \"y\": 2, (z) = 3\n}",
                      #"a@1:1={name:""x"@2:3"@2:3=1@2:7, ""y"@3:4"@3:3=2@3:8, (z@3:12)=3@3:17}@1:5"#),
    // Operators: precedence and associativity.
    HCLExpressionCase("a = 1 + 2 * 3 - 4", "a@1:1=(- (+ 1@1:5 (* 2@1:9 3@1:13)) 4@1:17)"),
    HCLExpressionCase("a = x || y && !z == w", "a@1:1=(|| x@1:5 (&& y@1:10 (== (!@1:15 z@1:16) w@1:21)))"),
    HCLExpressionCase("a = -x % 2 >= 1 != b < c", "a@1:1=(!= (>= (% (-@1:5 x@1:6) 2@1:10) 1@1:15) (< b@1:20 c@1:24))"),
    HCLExpressionCase("a = 10 / 2 <= 5", "a@1:1=(<= (/ 10@1:5 2@1:10) 5@1:15)"),
    // Conditionals.
    HCLExpressionCase("a = c ? 1 : d ? 2 : 3", "a@1:1=(? c@1:5 1@1:9 (? d@1:13 2@1:17 3@1:21))"),
    // For expressions.
    HCLExpressionCase("a = [for s in var.l : upper(s) if s != \"\"]",
                      #"a@1:1=(for@1:5 s in (. var@1:15 l): upper@1:23(s@1:29) if (!= s@1:35 ""@1:40))"#),
    HCLExpressionCase("a = {for k, v in m : v => k...}", "a@1:1=(for@1:5 k,v in m@1:18: v@1:22 => k@1:27...)"),
    // Traversals, indexes, legacy indexes and splats.
    HCLExpressionCase("a = aws_kms_key.k[\"data\"].arn",
                      #"a@1:1=(. ([] (. aws_kms_key@1:5 k) ""data"@1:20"@1:19) arn)"#),
    HCLExpressionCase("a = x.0.y", "a@1:1=(. ([] x@1:5 0@1:7) y)"),
    HCLExpressionCase("a = aws_instance.w[*].id", "a@1:1=([*] (. aws_instance@1:5 w) .id@1:23)"),
    HCLExpressionCase("a = l[*].b[0].c", "a@1:1=([*] l@1:5 .b@1:10 [0@1:12] .c@1:15)"),
    HCLExpressionCase("a = l.*.b[0]", "a@1:1=([] (.* l@1:5 .b@1:9) 0@1:11)"),
    // Calls, namespaced calls, expansion, arguments across lines.
    HCLExpressionCase("a = merge(\n  x,\n  y...\n)", "a@1:1=merge@1:5(x@2:3, y@3:3...)"),
    HCLExpressionCase("a = provider::aws::arn_parse(x)", "a@1:1=provider::aws::arn_parse@1:5(x@1:30)"),
    HCLExpressionCase("a = f()", "a@1:1=f@1:5()"),
    // Parentheses allow newlines.
    HCLExpressionCase("a = (1 +\n  2)", "a@1:1=((+ 1@1:6 2@2:3))"),
])
func expressionFormsParseWithPositions(_ testCase: HCLExpressionCase) throws {
    let rendering = HCLRendering(testCase.input)
    let body = try HCLReader().read(Array(testCase.input.utf8))
    #expect(rendering.body(body) == testCase.expected)
}
