@testable import PolicyCheckReport
import Testing

/// A Terraform address's declaration: the block, whatever module call or instance reached it.
@Suite struct ResourceDeclarationTests {
    @Test(arguments: [
        ("aws_security_group.web", "aws_security_group.web"),
        ("aws_security_group.web[0]", "aws_security_group.web"),
        ("aws_security_group.web[\"a.b]c\"]", "aws_security_group.web"),
        ("module.edge.aws_security_group.web", "aws_security_group.web"),
        ("module.edge[\"x\"].module.inner[1].aws_security_group.web[2]", "aws_security_group.web"),
        ("data.aws_iam_policy_document.p", "data.aws_iam_policy_document.p"),
        ("module.edge.provider.aws.replica", "provider.aws.replica"),
    ])
    func instancesAndModuleCallsShareTheBlock(address: String, block: String) {
        #expect(ResourceDeclaration.terraformBlock(address) == block)
    }

    @Test func blocksOfOtherNamesOrTypesAreApart() {
        #expect(ResourceDeclaration.terraformBlock("aws_security_group.bastion")
                    != ResourceDeclaration.terraformBlock("aws_security_group.database"))
        #expect(ResourceDeclaration.terraformBlock("module.a.aws_s3_bucket.logs")
                    != ResourceDeclaration.terraformBlock("module.a.aws_s3_bucket.data"))
    }
}
