/// Availability Zone names: a Region code followed by a letter (`us-east-1a`), read for the Region they are in.
///
/// "The code for an Availability Zone is its Region code followed by a letter identifier"
/// (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html). A zone *ID*
/// (`use1-az1`) is another thing: the same physical zone in every account, named by an abbreviation AWS maps to a
/// Region in a published table (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html), not
/// a Region code the text contains (`apne1-az1` is in ap-northeast-1). It is not a zone name and names no Region
/// here. A Local Zone's name is its parent Region's code, a dash and a location (`us-west-2-lax-1a`: "us-west-2 is
/// the parent Region code and lax-1a is the location identifier",
/// https://docs.aws.amazon.com/local-zones/latest/ug/available-local-zones.html), and so is a Wavelength Zone's
/// (`us-east-1-wl1-bos-wlz-1`): they count by that Region. (A Local Zone of us-east-1 may lie in another country —
/// `us-east-1-qro-1a` is in Querétaro, Mexico — and still counts as us-east-1, as AWS places it.)
public enum AvailabilityZoneName {
    /// `us-east-1a` → `us-east-1`, `us-west-2-lax-1a` → `us-west-2`; `nil` for anything else.
    public static func region(of zone: String) -> String? {
        standardZoneRegion(zone) ?? localZoneRegion(zone)
    }

    /// The parent Region of a Local or Wavelength Zone name: its first three (or, `us-gov-west-1`, four) dash-separated
    /// parts when they are a Region code and something follows.
    private static func localZoneRegion(_ zone: String) -> String? {
        let parts = zone.split(separator: "-", omittingEmptySubsequences: false)
        for count in 3...4 where parts.count > count {
            let region = parts.prefix(count).joined(separator: "-")
            if RegionCode.isWellFormed(region), !parts[count].isEmpty { return region }
        }
        return nil
    }

    /// `us-east-1a` → `us-east-1`: a Region code followed by lowercase letters.
    private static func standardZoneRegion(_ zone: String) -> String? {
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
