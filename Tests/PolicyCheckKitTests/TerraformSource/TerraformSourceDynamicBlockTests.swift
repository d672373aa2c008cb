import PolicyCheckKit
import Testing

/// A `dynamic` block whose `for_each` is not known here (a variable with no value) beside blocks of the same type
/// that are: the known blocks are judged, and the unknown ones cannot be verified (round 24). Before, the unknown
/// dynamic block made the whole list unknown — a static `ingress` open to 0.0.0.0/0 on port 22 was only an info —
/// and a parameter group whose parameters were all unknown was read as setting none of them.
@Suite struct TerraformSourceDynamicBlockTests {
    private static let header = """
        provider "aws" {
          region = "us-east-1"
        }
        variable "extra" {
          type = list(object({ name = string, value = string, port = number, cidr = string }))
        }

        """

    private func findings(_ main: String, rule: String) throws -> [String] {
        try TerraformSourceFixture.findings(main: Self.header + main)
            .filter { $0.ruleId == rule }
            .map { "\($0.severity) \($0.cannotVerify ? "cannot verify" : "fails")" }
            .sorted()
    }

    private static let extraIngress = """
          dynamic "ingress" {
            for_each = var.extra
            content {
              description = "extra"
              from_port   = ingress.value.port
              to_port     = ingress.value.port
              protocol    = "tcp"
              cidr_blocks = [ingress.value.cidr]
            }
          }
        """

    @Test func aStaticRuleBesideAnUnknownDynamicOneIsJudged() throws {
        let group = """
            resource "aws_security_group" "ssh" {
              name   = "ssh"
              vpc_id = "vpc-1"
              ingress {
                description = "ssh"
                from_port   = 22
                to_port     = 22
                protocol    = "tcp"
                cidr_blocks = ["0.0.0.0/0"]
              }
            \(Self.extraIngress)
            }
            """
        #expect(try findings(group, rule: "MMC-NET-001") == ["critical fails"])
    }

    @Test func onlyUnknownDynamicRulesCannotBeVerified() throws {
        let group = """
            resource "aws_security_group" "extra" {
              name   = "extra"
              vpc_id = "vpc-1"
            \(Self.extraIngress)
            }
            """
        #expect(try findings(group, rule: "MMC-NET-001") == ["info cannot verify"])
        // Its description is not known either: not a rule "without a description" (a low finding that failed runs).
        #expect(try findings(group, rule: "MMC-NET-008").isEmpty)
    }

    private static func database(_ parameters: String) -> String {
        """
        resource "aws_db_parameter_group" "tls" {
          name   = "tls"
          family = "postgres14"
        \(parameters)
          dynamic "parameter" {
            for_each = var.extra
            content {
              name  = parameter.value.name
              value = parameter.value.value
            }
          }
        }
        resource "aws_db_instance" "chat" {
          identifier           = "chat"
          engine               = "postgres"
          engine_version       = "14.10"
          instance_class       = "db.t4g.micro"
          storage_encrypted    = true
          parameter_group_name = aws_db_parameter_group.tls.name
        }
        """
    }

    @Test func parametersNotKnownHereMaySetTheTLSParameter() throws {
        // PostgreSQL 14 does not require TLS by default: "does not set rds.force_ssl" was a high finding.
        #expect(try findings(Self.database(""), rule: "MMC-ENC-003") == ["info cannot verify"])
        let off = """
              parameter {
                name  = "rds.force_ssl"
                value = "0"
              }
            """
        #expect(try findings(Self.database(off), rule: "MMC-ENC-003") == ["high fails"])
        #expect(try findings(Self.database(off.replacingOccurrences(of: "\"0\"", with: "\"1\"")), rule: "MMC-ENC-003").isEmpty)
    }

    @Test func volumesNotKnownHereCannotBeVerified() throws {
        let volumes = """
              dynamic "ebs_block_device" {
                for_each = var.extra
                content {
                  device_name = ebs_block_device.value.name
                  encrypted   = true
                }
              }
            """
        let instance = { (known: String) in
            """
            resource "aws_instance" "chat" {
              ami           = "ami-12345678"
              instance_type = "t3.micro"
              root_block_device {
                encrypted  = true
                kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
              }
            \(known)
            \(volumes)
            }
            """
        }
        let known = """
              ebs_block_device {
                device_name = "/dev/sdf"
                encrypted   = true
                kms_key_id  = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
              }
            """
        // Alone, the unknown volumes were no volume at all; beside a known one, a volume with AWS's managed key.
        for main in [instance(""), instance(known)] {
            #expect(try findings(main, rule: "MMC-ENC-001") == ["info cannot verify"])
            #expect(try findings(main, rule: "MMC-ENC-002") == ["info cannot verify"])
        }
    }
}
