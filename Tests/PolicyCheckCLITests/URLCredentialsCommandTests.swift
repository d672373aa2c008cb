import Foundation
import Testing

/// End-to-end: a URL a warning names — a Terraform module's source, a nested stack's template, an Argo CD
/// repository — is printed without the user information and query values that carry credentials, in every format
/// (tester, round 30; security row 137).
@Suite struct URLCredentialsCommandTests {
    typealias CLI = PolicyCheckProcess

    static let secrets = ["ghp_ModTokenSecret1", "ModHttpSecret2", "ModSigSecret3", "ModS3Secret4", "AKIAFAKE",
                          "CfnSigSecret6", "CfnUserSecret7", "HelmQueryTok123", "S3cretQueryTok", "deploy:"]

    private func check(_ format: String) throws -> CLI.Result {
        try CLI.run(["check", "tf", "cfn", "argo.yaml", "--jobs", "1", "--format", format],
                    environment: ["SOURCE_DATE_EPOCH": "1700000000"],
                    in: URL(fileURLWithPath: CLI.fixture("url-credentials-withheld")))
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func noFormatPrintsACredentialOfAURL(_ format: String) throws {
        let result = try check(format)
        let output = result.stdout + result.stderr
        #expect(output.contains("not a local path"), "\(output)")
        for secret in Self.secrets { #expect(!output.contains(secret), "\(secret): \(output)") }
    }

    @Test func theURLsStayReadable() throws {
        let output = try check("text").stdout
        for text in ["the source 'git::https://github.com/org/mod.git?ref=v1'",
                     "the source 'https://example.com/mod.zip?sig=(not shown)'",
                     "the source 's3::https://s3.amazonaws.com/bucket/mod.zip?aws_access_key_id=(not shown)&aws_access_key_secret=(not shown)'",
                     "the nested stack's template 'https://bucket.s3.amazonaws.com/t.yaml?X-Amz-Signature=(not shown)&X-Amz-Credential=(not shown)'",
                     "the nested stack's template 'https://bucket.example.com/t.yaml'",
                     "from 'https://charts.example.com/?access_token=(not shown)'",
                     "the git repository 'https://github.com/org/repo.git?token=(not shown)#frag'"] {
            #expect(output.contains(text), "\(text): \(output)")
        }
    }
}
