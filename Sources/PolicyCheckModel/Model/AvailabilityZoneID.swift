/// Availability Zone IDs (`use1-az1`), read for the Region they are in.
///
/// An AZ ID is "the same physical location in every AWS account"; it "consists of the first three letters of the
/// Region code, followed by the number at the end of the Region code, followed by `-az`, followed by a number"
/// (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html, whose tables list
/// every zone's ID beside its Region, and https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html).
/// "The first three letters" is the Region's area and the initials of its direction words: `use1` is us-east-1,
/// `euw1` eu-west-1, `apne1` ap-northeast-1 and `apse2` ap-southeast-2 (two direction letters), `usgw1`
/// us-gov-west-1 and `cnnw1` cn-northwest-1, as those tables spell them. A Local Zone's ID is its parent Region's
/// abbreviation, a location and a zone number (`usw2-lax1-az1`), a Wavelength Zone's the same with `wlz`
/// (`use1-wl1-bos-wlz1`): they count by that Region, as their names do (`AvailabilityZoneName`).
///
/// Only areas and directions AWS uses are read; anything else names no Region (AWS refuses a zone ID it does not
/// have, so such a value cannot deploy anywhere).
public enum AvailabilityZoneID {
    /// `use1-az1` → `us-east-1`, `usw2-lax1-az1` → `us-west-2`; `nil` for anything that is not a zone ID.
    public static func region(of text: String) -> String? {
        guard text.utf8.count <= 64, text.utf8.allSatisfy({ isLowercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") })
        else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last, isZoneNumber(last),
              parts.dropFirst().dropLast().allSatisfy({ !$0.isEmpty }) else { return nil }
        return region(abbreviation: parts[0])
    }

    /// The Region of an abbreviation: `use1` → `us-east-1`, `usgw1` → `us-gov-west-1`.
    static func region(abbreviation: Substring) -> String? {
        let letters = abbreviation.prefix { isLowercaseLetter($0.asciiValue ?? 0) }
        let number = abbreviation.dropFirst(letters.count)
        guard letters.count >= 3, !number.isEmpty, number.count <= 2, number.allSatisfy({ isDigit($0.asciiValue ?? 0) }),
              number.first != "0" else { return nil }
        let area = String(letters.prefix(2))
        guard areas.contains(area) else { return nil }
        var rest = letters.dropFirst(2)
        var prefix = area
        if area == "us", rest.first == "g", rest.count > 1 {
            prefix = "us-gov"
            rest = rest.dropFirst()
        }
        guard let direction = directions[String(rest)] else { return nil }
        return "\(prefix)-\(direction)-\(number)"
    }

    /// The area codes Region codes start with (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
    private static let areas: Set<String> = ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn"]
    /// A Region code's direction word by its initials.
    private static let directions: [String: String] = [
        "e": "east", "w": "west", "n": "north", "s": "south", "c": "central",
        "ne": "northeast", "se": "southeast", "nw": "northwest", "sw": "southwest",
    ]

    /// `az1`, `wlz1`: the zone's number within its Region or location.
    private static func isZoneNumber(_ part: Substring) -> Bool {
        for prefix in ["az", "wlz"] where part.hasPrefix(prefix) {
            let digits = part.dropFirst(prefix.count)
            return !digits.isEmpty && digits.count <= 3 && digits.allSatisfy { isDigit($0.asciiValue ?? 0) }
        }
        return false
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
