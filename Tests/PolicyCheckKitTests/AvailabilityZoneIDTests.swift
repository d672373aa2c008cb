import PolicyCheckKit
import Testing

/// A zone ID is its region's abbreviation (area, direction initials, number) and a zone number; a Local or Wavelength
/// Zone's ID its parent region's abbreviation, a location and a zone number. Zone names and anything else name no
/// region here.
@Suite struct AvailabilityZoneIDTests {
    @Test(arguments: [
        ("use1-az1", "us-east-1"), ("use1-az6", "us-east-1"), ("use2-az3", "us-east-2"), ("usw2-az1", "us-west-2"),
        ("euw1-az3", "eu-west-1"), ("euc2-az1", "eu-central-2"), ("eun1-az2", "eu-north-1"), ("eus2-az1", "eu-south-2"),
        ("apne1-az4", "ap-northeast-1"), ("apse2-az1", "ap-southeast-2"), ("aps1-az1", "ap-south-1"),
        ("ape1-az1", "ap-east-1"), ("cac1-az1", "ca-central-1"), ("caw1-az1", "ca-west-1"), ("sae1-az1", "sa-east-1"),
        ("mec1-az1", "me-central-1"), ("mes1-az1", "me-south-1"), ("afs1-az1", "af-south-1"),
        ("ilc1-az1", "il-central-1"), ("mxc1-az1", "mx-central-1"), ("cnn1-az1", "cn-north-1"),
        ("cnnw1-az1", "cn-northwest-1"), ("usgw1-az1", "us-gov-west-1"), ("usge1-az2", "us-gov-east-1"),
        // Local and Wavelength Zones: their parent region.
        ("usw2-lax1-az1", "us-west-2"), ("use1-bos1-az1", "us-east-1"), ("use1-wl1-bos-wlz1", "us-east-1"),
    ])
    func aZoneIDIsInTheRegionItAbbreviates(id: String, region: String) {
        #expect(AvailabilityZoneID.region(of: id) == region)
    }

    @Test(arguments: [
        "us-east-1a", "us-east-1", "use1", "use1-az", "use1-azx", "use1-zone1", "-az1", "use1--az1", "USE1-AZ1",
        "xxe1-az1", "usq1-az1", "use01-az1", "use-az1", "us1-az1", "use1-az1-", "", "use1-az1234",
    ])
    func anythingElseNamesNoRegion(text: String) {
        #expect(AvailabilityZoneID.region(of: text) == nil)
    }
}
