/// An Amazon Resource Name split into its parts: `arn:partition:service:region:account:resource`.
public struct AmazonResourceName: Sendable, Hashable {
    public var partition: String
    public var service: String
    public var region: String?
    public var account: String
    public var resource: String

    /// Parses the six colon-separated parts; `nil` when the text is not an ARN at all.
    public init?(_ text: String) {
        // Split on the bytes, without intermediate arrays or index arithmetic: ARNs are looked for in every string
        // value of every resource.
        let parsed = text.utf8.withContiguousStorageIfAvailable(Self.parse) ?? Array(text.utf8).withUnsafeBufferPointer(Self.parse)
        guard let parsed else { return nil }
        self = parsed
    }

    private init(partition: String, service: String, region: String, account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region.isEmpty ? nil : region
        self.account = account
        self.resource = resource
    }

    /// Whether the region of an ARN of `service` is where the resource it names keeps data. A Serverless Application
    /// Repository application's ARN names the region it was published in: a public application is available to
    /// deploy in every region ("the service makes the application available to consumers in all Regions",
    /// https://docs.aws.amazon.com/serverlessrepo/latest/devguide/serverless-app-publishing-applications.html), and
    /// `AWS::Serverless::Application` deploys it as a nested stack of the stack that names it
    /// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-application.html),
    /// in that stack's region.
    public static func regionPlacesData(service: some StringProtocol) -> Bool {
        service != "serverlessrepo"
    }

    /// The service and region of an ARN, as `init` would read them, without building its other parts: scans look
    /// at every ARN in a plan for its region. `nil` when the text is not an ARN.
    public static func serviceAndRegion(_ text: String) -> (service: String, region: String)? {
        text.utf8.withContiguousStorageIfAvailable(serviceAndRegion) ?? Array(text.utf8).withUnsafeBufferPointer(serviceAndRegion)
    }

    private static func serviceAndRegion(_ bytes: UnsafeBufferPointer<UInt8>) -> (service: String, region: String)? {
        guard let colons = colons(bytes) else { return nil }
        return (slice(bytes, colons.0 + 1, colons.1), slice(bytes, colons.1 + 1, colons.2))
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> AmazonResourceName? {
        guard let colons = colons(bytes) else { return nil }
        return AmazonResourceName(partition: slice(bytes, 4, colons.0), service: slice(bytes, colons.0 + 1, colons.1),
                                  region: slice(bytes, colons.1 + 1, colons.2), account: slice(bytes, colons.2 + 1, colons.3),
                                  resource: slice(bytes, colons.3 + 1, bytes.count))
    }

    private static func slice(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The offsets of the colons that end the partition, service, region and account of `arn:…` (the resource may
    /// hold more), or `nil` when the bytes are not an ARN.
    private static func colons(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int, Int)? {
        guard bytes.count >= 4, bytes[0] == UInt8(ascii: "a"), bytes[1] == UInt8(ascii: "r"), bytes[2] == UInt8(ascii: "n"),
              bytes[3] == UInt8(ascii: ":") else { return nil }
        var colons = (0, 0, 0, 0)
        var found = 0
        for offset in 4..<bytes.count where bytes[offset] == UInt8(ascii: ":") {
            switch found {
            case 0: colons.0 = offset
            case 1: colons.1 = offset
            case 2: colons.2 = offset
            default:
                colons.3 = offset
                return colons
            }
            found += 1
        }
        return nil
    }
}

/// What a `kmsKey` value refers to.
public enum KeyReference: Sendable, Equatable {
    /// The id of a key declared in the deployment (`keys[].id`).
    case declared(index: Int)
    /// A KMS key ARN (`arn:aws:kms:…:key/…`).
    case keyARN(AmazonResourceName)
    /// A KMS alias ARN or alias name; `awsManaged` for `alias/aws/*`.
    case alias(name: String, awsManaged: Bool)
    /// A bare key id (UUID or `mrk-…`).
    case keyID(String)
    /// Something else: a name that matches no declared key.
    case unresolved

    /// Classifies a reference against the keys a deployment declares.
    public static func classify(_ text: String, keys: [KeyDeclaration]) -> KeyReference {
        classify(text, declaredID: { id in keys.firstIndex { $0.id?.value == id } },
                 declaredARN: { arn in keys.firstIndex { $0.arn?.value.known == arn } })
    }

    /// Classifies a reference, finding declared keys through the given lookups (the index of the first key with
    /// that id, or with that known ARN).
    package static func classify(_ text: String, declaredID: (String) -> Int?, declaredARN: (String) -> Int?) -> KeyReference {
        if let index = declaredID(text) { return .declared(index: index) }
        if let arn = AmazonResourceName(text), arn.service == "kms" {
            if arn.resource.hasPrefix("alias/") {
                return .alias(name: arn.resource, awsManaged: arn.resource.hasPrefix("alias/aws/"))
            }
            if let index = declaredARN(text) { return .declared(index: index) }
            return .keyARN(arn)
        }
        if text.hasPrefix("alias/") { return .alias(name: text, awsManaged: text.hasPrefix("alias/aws/")) }
        if KeyIdentifier.isValid(text) { return .keyID(text) }
        return .unresolved
    }

    /// Whether a reference names an AWS-managed key (`alias/aws/*`, in either form).
    public static func isAWSManaged(_ text: String) -> Bool {
        if text.hasPrefix("alias/aws/") { return true }
        if let arn = AmazonResourceName(text) { return arn.resource.hasPrefix("alias/aws/") }
        return false
    }
}

/// KMS key ids: a UUID, or `mrk-` and 32 lowercase hex digits for multi-Region keys.
public enum KeyIdentifier {
    public static func isValid(_ text: String) -> Bool { isUUID(text) || isMultiRegion(text) }

    public static func isMultiRegion(_ text: String) -> Bool {
        guard text.hasPrefix("mrk-") else { return false }
        let hex = text.dropFirst(4)
        return hex.count == 32 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    public static func isUUID(_ text: String) -> Bool {
        // 8-4-4-4-12 hex digits (either case), checked byte by byte.
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == 36 else { return false }
            for offset in 0..<36 {
                if !isUUIDByte(utf8[offset], at: offset) { return false }
            }
            return true
        }
    }

    private static func isUUIDByte(_ byte: UInt8, at offset: Int) -> Bool {
        switch offset {
        case 8, 13, 18, 23:
            return byte == UInt8(ascii: "-")
        default:
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                 UInt8(ascii: "A")...UInt8(ascii: "F"):
                return true
            default:
                return false
            }
        }
    }
}

/// AWS region codes: `us-east-1`, `eu-west-2`, `ap-southeast-4`, `us-gov-west-1`, `cn-north-1`, `il-central-1`.
public enum RegionCode {
    public static func isWellFormed(_ text: String) -> Bool {
        // The AWS European Sovereign Cloud's regions (partition `aws-eusc`, `eusc-de-east-1`) are the one family
        // whose first part is not two letters (the AWS SDKs' partition data: `^eusc\-(de)\-\w+\-\d+$`, beside
        // `^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`, `^cn\-…`, `^us\-gov\-…`, `^us\-iso\-…`); it was called
        // no region code, and a template replicating a table there passed (tester, round 36).
        if text.utf8.first == UInt8(ascii: "e"), text.utf8.count > 5, text.hasPrefix("eusc-") {
            return isWellFormed("eu" + text.dropFirst(4))
        }
        // Three or four parts joined by '-': two lowercase ASCII letters, one or two non-empty lowercase ASCII
        // words, and a number. Checked byte by byte (every region in every ARN of a plan comes through here).
        var parts = 0
        var length = 0
        var letters = true
        var digits = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") {
                guard length > 0, letters, parts > 0 || length == 2 else { return false }
                parts += 1
                length = 0
                letters = true
                digits = true
                continue
            }
            length += 1
            if !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { letters = false }
            if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { digits = false }
            // Only the last part may hold anything but letters; it must be all digits.
            if !letters && !digits && byte < 0x80 { return false }
            if byte >= 0x80 { return isWellFormedUnicode(text) }
        }
        return (parts == 2 || parts == 3) && length > 0 && digits
    }

    /// The rule as first written, over Characters, for text outside ASCII (where a number may use other digits).
    private static func isWellFormedUnicode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 4 else { return false }
        guard parts[0].count == 2, parts[0].allSatisfy({ $0.isLowercase && $0.isASCII }) else { return false }
        guard let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return false }
        return parts.dropFirst().dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLowercase && $0.isASCII } }
    }
}
