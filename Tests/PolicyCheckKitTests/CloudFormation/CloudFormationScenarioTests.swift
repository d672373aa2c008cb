import Testing
@testable import PolicyCheckKit

/// Properties that follow the same parameter are judged together, one deployment scenario at a time, rather than each
/// at its worst: widdix's `security/kms-key.yaml` rotates its key exactly when `KeySpec` is symmetric, and was flagged
/// because the rotation's worst branch (false) was paired with the default spec (symmetric).
@Suite struct CloudFormationScenarioTests {
    typealias T = CloudFormationTesting

    private static func key(rotation: String, specs: String = "[SYMMETRIC_DEFAULT, RSA_2048, ECC_NIST_P256]") -> String {
        """
        Parameters:
          KeySpec: {Type: String, Default: SYMMETRIC_DEFAULT, AllowedValues: \(specs)}
        Conditions:
          HasSymmetricKey: !Equals [!Ref KeySpec, 'SYMMETRIC_DEFAULT']
          IsAsymmetric: !Not [!Condition HasSymmetricKey]
          InUSEast1: !Equals [!Ref 'AWS::Region', 'us-east-1']
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              KeySpec: !Ref KeySpec
              EnableKeyRotation: \(rotation)
        """
    }

    private func rotationFindings(_ template: String) throws -> [String] {
        try T.findings(template).filter { $0.ruleId == "MMC-KEY-005" }.map(\.message)
    }

    @Test func aKeyThatRotatesExactlyWhenSymmetricPasses() throws {
        #expect(try rotationFindings(Self.key(rotation: "!If [HasSymmetricKey, true, false]")) == [])
        #expect(try rotationFindings(Self.key(rotation: "!If [IsAsymmetric, false, true]")) == [])
        #expect(try rotationFindings(Self.key(rotation: "!If [HasSymmetricKey, true, !Ref 'AWS::NoValue']")) == [])
    }

    @Test func eachScenarioThatFailsIsNamed() throws {
        let messages = try rotationFindings(Self.key(rotation: "!If [HasSymmetricKey, false, true]"))
        #expect(messages.count == 3)
        #expect(messages.contains { $0.hasPrefix("automatic rotation is not enabled") && $0.hasSuffix("(when KeySpec is 'SYMMETRIC_DEFAULT')") })
        #expect(messages.contains { $0.contains("not RSA_2048 keys") && $0.hasSuffix("(when KeySpec is 'RSA_2048')") })
        #expect(messages.contains { $0.contains("not ECC_NIST_P256 keys") && $0.hasSuffix("(when KeySpec is 'ECC_NIST_P256')") })
    }

    /// A rotation that follows another parameter still fails in the scenario where it is off.
    @Test func aRotationOffInOneEnvironmentFailsThere() throws {
        let template = """
            Parameters:
              Env: {Type: String, Default: prod, AllowedValues: [prod, dev]}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  EnableKeyRotation: !If [IsProd, true, false]
            """
        #expect(try rotationFindings(template) == [
            "automatic rotation is not enabled; expected EnableKeyRotation: true every 90–2560 days (when Env is 'dev')",
        ])
    }

    /// A condition on what only the stack knows (its region) decides nothing: both branches stay, the worse judged.
    @Test func aConditionOnThePseudoParametersIsJudgedAtItsWorstBranch() throws {
        let template = Self.key(rotation: "!If [InUSEast1, true, false]", specs: "[SYMMETRIC_DEFAULT, RSA_2048]")
        #expect(try rotationFindings(template) == [
            "automatic rotation is not enabled; expected EnableKeyRotation: true every 90–2560 days (when KeySpec is 'SYMMETRIC_DEFAULT')",
        ])
    }

    /// More scenarios than `ParameterScenarios.limit` are not listed: each property is judged at its worst, as before.
    @Test func tooManyScenariosFallBackToTheWorstOfEach() throws {
        let specs = "[" + (0..<65).map { "S\($0)" }.joined(separator: ", ") + "]"
        let messages = try rotationFindings(Self.key(rotation: "!If [HasSymmetricKey, true, false]", specs: specs))
        #expect(messages.count == 1)
        #expect(messages.first?.contains("(when") == false)
    }

    /// A parameter without `AllowedValues` may take any value: its `Default` decides no condition (a review found a
    /// rotation opt-out, `DisableRotation`, judged only at its default `'false'`, so a key deployable without
    /// rotation passed).
    @Test func aParameterWithoutAllowedValuesDecidesNoCondition() throws {
        let template = """
            Parameters:
              KeySpec: {Type: String, Default: SYMMETRIC_DEFAULT, AllowedValues: [SYMMETRIC_DEFAULT, RSA_2048]}
              DisableRotation: {Type: String, Default: 'false'}
            Conditions:
              Rotate: !And [!Equals [!Ref KeySpec, SYMMETRIC_DEFAULT], !Equals [!Ref DisableRotation, 'false']]
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  KeySpec: !Ref KeySpec
                  EnableKeyRotation: !If [Rotate, true, false]
            """
        #expect(try rotationFindings(template) == [
            "automatic rotation is not enabled; expected EnableKeyRotation: true every 90–2560 days (when KeySpec is 'SYMMETRIC_DEFAULT')",
        ])
    }
}
