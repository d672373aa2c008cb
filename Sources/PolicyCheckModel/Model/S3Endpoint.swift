/// The AWS region an S3 endpoint names: `s3.eu-west-1.amazonaws.com`, `bucket.s3.us-west-2.amazonaws.com`,
/// `s3-eu-west-1.amazonaws.com` (legacy dash form), `s3.dualstack.ap-south-1.amazonaws.com`, with or without a
/// scheme, user information, port, path, query, fragment or the trailing dot of an absolute name; S3 Express
/// (`s3express-euw1-az1.eu-west-1.amazonaws.com`). The global `s3.amazonaws.com` names no region.
public enum S3Endpoint {
    /// The region an endpoint host (or URL) names; `nil` for non-AWS or global endpoints.
    public static func region(in url: String) -> String? {
        var host = Substring(url.lowercased())
        // A scheme only at the start (RFC 3986 §3.1: a letter, then letters, digits, `+`, `-`, `.`): a `://` after a
        // `?` or `#` (`s3.eu-west-1.amazonaws.com?://s3.us-east-1.amazonaws.com`) is the query's or fragment's.
        if let scheme = host.range(of: "://"), let first = host.first, first.isLetter,
           host[..<scheme.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
            host = host[scheme.upperBound...]
        }
        // The host as Go's net/url reads `https://` + the endpoint (minio-go, which Mattermost's S3 client uses):
        // the authority ends at `/`, `?` or `#`, and user information before its last `@` is dropped, so
        // `minio:pw@s3.eu-west-1.amazonaws.com` and `s3.eu-west-1.amazonaws.com#x` are the eu-west-1 endpoint.
        if let end = host.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { host = host[..<end] }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let port = host.firstIndex(of: ":") { host = host[..<port] }
        // An absolute name (`s3.eu-west-1.amazonaws.com.`) is the same host (RFC 1034 §3.1).
        if host.hasSuffix(".") { host = host.dropLast() }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let suffixLength: Int
        if labels.suffix(2).elementsEqual(["amazonaws", "com"]) {
            suffixLength = 2
        } else if labels.suffix(3).elementsEqual(["amazonaws", "com", "cn"]) {
            suffixLength = 3
        } else {
            return nil
        }
        let names = labels.dropLast(suffixLength)
        // S3 Express One Zone's endpoints (`s3express-euw1-az1.eu-west-1.amazonaws.com`,
        // `s3express-control.eu-west-1.amazonaws.com`) name the region in the label after theirs.
        guard let s3 = names.lastIndex(where: { $0 == "s3" || $0.hasPrefix("s3-") || $0.hasPrefix("s3express-") })
        else { return nil }
        let label = names[s3]
        if label.hasPrefix("s3express-") {
            return names[names.index(after: s3)...].lazy.map(String.init).first(where: RegionCode.isWellFormed)
        }
        if label == "s3-external-1" { return "us-east-1" }
        if label.hasPrefix("s3-") {
            // s3-eu-west-1, s3-fips-us-gov-west-1, s3-website-us-east-1
            var rest = label.dropFirst(3)
            for qualifier in ["fips-", "website-"] where rest.hasPrefix(qualifier) {
                rest = rest.dropFirst(qualifier.count)
            }
            if RegionCode.isWellFormed(String(rest)) { return String(rest) }
        }
        return names[names.index(after: s3)...].lazy.map(String.init).first(where: RegionCode.isWellFormed)
    }
}
