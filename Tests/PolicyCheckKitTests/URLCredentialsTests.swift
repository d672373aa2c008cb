import PolicyCheckModel
import Testing

/// URLs in messages lose their user information and the values of query parameters that may be credentials.
@Suite struct URLCredentialsTests {
    @Test(arguments: [
        ("no URL at all: a:b@c", "no URL at all: a:b@c"),
        ("'https://user:token@host/x'", "'https://host/x'"),
        ("from 'https://github.com/o/r//base?ref=main' and https://a:b@h.example/p?X-Amz-Signature=abc&versionId=3",
         "from 'https://github.com/o/r//base?ref=main' and https://h.example/p?X-Amz-Signature=(not shown)&versionId=3"),
        ("git::ssh://git@github.com/o/r.git?ref=v1&sshkey=LS0tLS1", "git::ssh://github.com/o/r.git?ref=v1&sshkey=(not shown)"),
        ("https://h/p?flag&token=t#frag@x", "https://h/p?flag&token=(not shown)#frag@x"),
        ("two: https://u:p@a/x?k=v, \"https://b/?access_token=z\"", "two: https://a/x?k=(not shown), \"https://b/?access_token=(not shown)\""),
        ("ends at ://", "ends at ://"),
    ])
    func credentialsAreLeftOut(text: String, shown: String) {
        #expect(URLCredentials.withheld(in: text) == shown)
    }

    @Test func withholdingTwiceChangesNothing() {
        let once = URLCredentials.withheld(in: "from 'https://u:p@h/?access_token=t&ref=v1#f' and https://h/?k=v.")
        #expect(once == "from 'https://h/?access_token=(not shown)&ref=v1#f' and https://h/?k=(not shown).")
        #expect(URLCredentials.withheld(in: once) == once)
    }

    @Test func aDiagnosticNeverHoldsThem() {
        let diagnostic = Diagnostic(file: "f", location: nil, message: "fetching 'https://u:hunter2@h/x?sig=s3cr3t' failed")
        #expect(diagnostic.message == "fetching 'https://h/x?sig=(not shown)' failed")
    }
}
