/// Availability Zone names: a Region code followed by a letter (`us-east-1a`), read for the Region they are in.
///
/// "The code for an Availability Zone is its Region code followed by a letter identifier"
/// (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html). A zone *ID*
/// (`use1-az1`) is another thing: the same physical zone in every account, named by an abbreviation AWS maps to a
/// Region in a published table (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html), not
/// a Region code the text contains (`apne1-az1` is in ap-northeast-1). It is not a zone name and names no Region
/// here; neither does a Local Zone's name (`us-west-2-lax-1a`), whose parent Region is not its whole prefix.
public enum AvailabilityZoneName {
    /// `us-east-1a` → `us-east-1`; `nil` for anything that is not a Region code followed by lowercase letters.
    public static func region(of zone: String) -> String? {
        if zone.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every real zone): drop the trailing lowercase letters without building reversed copies.
            let utf8 = zone.utf8
            guard let last = utf8.lastIndex(where: { !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }),
                  utf8.index(after: last) < utf8.endIndex else { return nil }
            let region = String(zone[...last])
            return RegionCode.isWellFormed(region) ? region : nil
        }
        let region = String(zone.reversed().drop { $0.isLetter && $0.isLowercase }.reversed())
        guard region.count < zone.count, RegionCode.isWellFormed(region) else { return nil }
        return region
    }
}
