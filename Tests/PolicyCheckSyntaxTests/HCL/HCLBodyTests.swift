import PolicyCheckSyntax
import Testing

@Test func blocksLabelsAttributesAndCommentsParseWithPositions() throws {
    let text = """
    # a comment
    // another
    /* a block
       comment */ resource "aws_s3_bucket" logs {
      bucket = "logs" # trailing
      versioning { enabled = true }

      dynamic "rule" {
        for_each = var.rules
        content {
          id = rule.value.id
        }
      }
    }
    locals {}
    """
    let rendering = HCLRendering(text)
    let body = try HCLReader().read(Array(text.utf8))
    #expect(rendering.body(body) == #"resource@4:15["aws_s3_bucket"@4:24 "logs"@4:40]{bucket@5:3=""logs"@5:13"@5:12 versioning@6:3[]{enabled@6:16=true@6:26} dynamic@8:3["rule"@8:11]{for_each@9:5=(. var@9:16 rules) content@10:5[]{id@11:7=(. (. rule@11:12 value) id)}}} locals@15:1[]{}"#)
}

@Test func emptyFileIsAnEmptyBody() throws {
    let body = try HCLReader().read([])
    #expect(body.attributes.isEmpty && body.blocks.isEmpty)
}

@Test func byteOrderMarkAndCRLFAreAccepted() throws {
    let text = "\u{FEFF}a = 1\r\nb = <<EOT\r\nx\r\nEOT\r\n"
    let body = try HCLReader().read(Array(text.utf8))
    #expect(body.attributes.map(\.name) == ["a", "b"])
}

@Test func standaloneExpressionReadsOneValue() throws {
    let text = "{\n  a = [1, 2]\n}"
    let expression = try HCLReader().readExpression(Array(text.utf8))
    #expect(HCLRendering(text).expression(expression) == #"{name:""a"@2:3"@2:3=[1@2:8, 2@2:11]@2:7}@1:1"#)
}

@Test func traversalTextSpellsReferences() throws {
    let text = #"a = module.db["x"].out[0]"#
    let body = try HCLReader().read(Array(text.utf8))
    #expect(body.attributes[0].value.traversalText == #"module.db["x"].out[0]"#)
}

/// A line of a nested heredoc, or of a string, inside an interpolation is not the outer heredoc's: only the outer
/// heredoc's own text lines close it, as in HCL's scanner (a nested `EOT` line hid an attribute, reviewer round 33).
@Test func aHeredocInAnInterpolationDoesNotCloseTheOuterOne() throws {
    let text = "a = <<EOT\n${<<INNER\nEOT\n/*\nINNER\n}\n%{ if true }x%{ endif }\n$${not}\nEOT\nb = 1 # */\n"
    let body = try HCLReader().read(Array(text.utf8))
    #expect(body.attributes.map(\.name) == ["a", "b"])
    // The comment scanner agrees: the `/*` is text of the inner heredoc, the `#` after `b` a comment.
    let comments = HCLComments.lineComments(in: Array(text.utf8))
    #expect(comments.count == 1)
}
