import PolicyCheckKit
import Testing

/// A zone name is its region's code and a letter, a Local or Wavelength Zone's its parent region's code and a
/// location; a zone ID (`use1-az1`) is no zone name, and `AvailabilityZoneID` reads it (`AvailabilityZoneIDTests`).
@Suite struct AvailabilityZoneNameTests {
    @Test(arguments: [
        ("us-east-1a", "us-east-1"), ("eu-west-1c", "eu-west-1"), ("ap-southeast-2b", "ap-southeast-2"),
        ("us-gov-west-1a", "us-gov-west-1"), ("cn-northwest-1b", "cn-northwest-1"),
        // Local and Wavelength Zones: their parent region (a review found `us-west-2-lax-1a` read as no region).
        ("us-west-2-lax-1a", "us-west-2"), ("us-east-1-qro-1a", "us-east-1"), ("eu-central-1-ham-1a", "eu-central-1"),
        ("us-east-1-wl1-bos-wlz-1", "us-east-1"), ("us-gov-west-1-xyz-1a", "us-gov-west-1"),
    ])
    func aZoneNameIsInTheRegionItStartsWith(zone: String, region: String) {
        #expect(AvailabilityZoneName.region(of: zone) == region)
    }

    @Test(arguments: ["use1-az1", "apne1-az4", "usw2-lax1-az1", "us-east-1", "eu-west-1-", "", "a"])
    func aZoneIDOrAnythingElseNamesNoRegion(text: String) {
        #expect(AvailabilityZoneName.region(of: text) == nil)
    }
}
