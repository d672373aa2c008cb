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
        // The host as Go's net/url reads `https://` + the endpoint: user information, a fragment, a query dropped
        // (tester round 29); S3 Express One Zone's zonal and control endpoints.
        ("minio:pw@s3.eu-west-1.amazonaws.com", "eu-west-1"),
        ("@s3.eu-west-1.amazonaws.com", "eu-west-1"),
        ("s3.eu-west-1.amazonaws.com#x", "eu-west-1"),
        ("https://user@bucket.s3.us-west-2.amazonaws.com:443?x=1", "us-west-2"),
        ("s3express-euw1-az1.eu-west-1.amazonaws.com", "eu-west-1"),
        ("s3express-control.eu-west-1.amazonaws.com", "eu-west-1"),
        // A `://` in a query or fragment is no scheme (reviewer, round 29).
        ("s3.eu-west-1.amazonaws.com?://s3.us-east-1.amazonaws.com", "eu-west-1"),
        ("s3.eu-west-1.amazonaws.com#://s3.us-east-1.amazonaws.com", "eu-west-1"),
    ])
    func namesTheRegion(url: String, region: String) {
        #expect(S3Endpoint.region(in: url) == region)
    }

    @Test(arguments: ["s3.amazonaws.com", "minio.internal:9000", "https://storage.googleapis.com", "", "s3.example.com"])
    func namesNoRegion(url: String) {
        #expect(S3Endpoint.region(in: url) == nil)
    }
}
