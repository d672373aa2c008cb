import PolicyCheckKit
import Testing

@Suite struct S3EndpointTests {
    @Test(arguments: [
        ("s3.eu-west-1.amazonaws.com", "eu-west-1"),
        ("https://bucket.s3.us-west-2.amazonaws.com/path", "us-west-2"),
        ("s3-eu-west-1.amazonaws.com", "eu-west-1"),
        ("s3.dualstack.ap-south-1.amazonaws.com:443", "ap-south-1"),
        ("bucket.s3-website-us-east-2.amazonaws.com", "us-east-2"),
        ("s3-external-1.amazonaws.com", "us-east-1"),
        ("s3.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        // An absolute name is the same host (RFC 1034 §3.1): with a scheme, port or path too.
        ("s3.eu-west-1.amazonaws.com.", "eu-west-1"),
        ("https://bucket.s3.us-west-2.amazonaws.com./path", "us-west-2"),
        ("s3-eu-west-1.amazonaws.com.:443", "eu-west-1"),
        ("s3.cn-north-1.amazonaws.com.cn.", "cn-north-1"),
    ])
    func namesTheRegion(url: String, region: String) {
        #expect(S3Endpoint.region(in: url) == region)
    }

    @Test(arguments: ["s3.amazonaws.com", "minio.internal:9000", "https://storage.googleapis.com", "", "s3.example.com"])
    func namesNoRegion(url: String) {
        #expect(S3Endpoint.region(in: url) == nil)
    }
}
