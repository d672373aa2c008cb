import PolicyCheckModel
import PolicyCheckSyntax

/// Availability Zones: what `!GetAZs` returns, and the zones an AWS-specific parameter type takes, are of a region the
/// template says (the stack's own, or one `!GetAZs` names) even though the zones themselves are known only at
/// deployment.
extension IntrinsicResolver {
    /// `!GetAZs region`: the region's Availability Zones, known only at deployment. The unknown list keeps as its
    /// text the region its zones are in — `${AWS::Region}` for the stack's own (`''` or `!Ref AWS::Region`, "specifying
    /// an empty string is equivalent to specifying AWS::Region",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html)
    /// — so that a zone `!Select` picks from them is known to be there.
    func availabilityZones(_ argument: SourceNode, depth: Int) -> [TemplateValue] {
        resolve(argument, depth: depth).map { region in
            switch region {
            case .string(let text) where text.isEmpty:
                return .unknown(reason: "the Availability Zones of the stack's region are known only at deployment",
                                text: Self.stackRegionText)
            case .string(let text) where RegionCode.isWellFormed(text):
                return .unknown(reason: "the Availability Zones of \(text) are known only at deployment", text: text)
            case .unknown(_, let text) where text == Self.stackRegionText:
                return .unknown(reason: "the Availability Zones of the stack's region are known only at deployment",
                                text: Self.stackRegionText)
            default:
                return .unknown(reason: "the Availability Zones of a region are known only at deployment", text: nil)
            }
        }
    }

    /// Whether an unknown value's text names the region its zones are in (`availabilityZones`).
    static func isZonesRegion(_ text: String) -> Bool {
        text == stackRegionText || RegionCode.isWellFormed(text)
    }

    /// The text of the stack's own region, known only at deployment (`!Ref AWS::Region`, `${AWS::Region}`).
    static let stackRegionText = "${AWS::Region}"

    /// Parameter types whose value is an Availability Zone of the stack's region.
    static let zoneParameterTypes: Set<String> = ["AWS::EC2::AvailabilityZone::Name", "List<AWS::EC2::AvailabilityZone::Name>"]
}
