import Foundation
@testable import PolicyCheckKit
import Testing

/// What Terraform refuses whatever else the configuration says — a function it does not have, a variable value its
/// type cannot hold — is one located error, never an unknown value that passes (tester, round 33).
struct TerraformRefusedCallsAndTypesTests {
    static func module(_ cidr: String) -> String {
        """
        provider "aws" {
          region = "us-east-1"
        }
        resource "aws_security_group" "web" {
          ingress {
            from_port   = 22
            to_port     = 22
            protocol    = "tcp"
            cidr_blocks = [\(cidr)]
          }
        }

        """
    }

    /// The errors of a module that may also be read (`TerraformSourceHostileTests.errors` expects none).
    static func errorsOfReadable(_ files: [String: String]) throws -> [String] {
        let directory = try TerraformSourceFixture.temporaryModule(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return TerraformSourceReader().read(directory: directory, name: "module").errors.map(\.message)
    }

    @Test func aFunctionTerraformDoesNotHaveIsAnError() throws {
        let errors = try TerraformSourceHostileTests.errors(["main.tf": Self.module(#"nosuchfunc("0.0.0.0/0")"#)])
        #expect(errors.count == 1 && errors[0].hasPrefix("main.tf:9:20: call to unknown function: there is no function named 'nosuchfunc'"),
                "\(errors)")
        // try() does not catch it: Terraform finds it provably invalid for any input.
        let caught = try TerraformSourceHostileTests.errors(["main.tf": Self.module(#"try(parseInt("1", 10), "10.0.0.0/8")"#)])
        #expect(caught.count == 1 && caught[0].contains("no function named 'parseInt'"), "\(caught)")
    }

    @Test func builtInFunctionsPolicycheckDoesNotEvaluateAndCoreNamesAreNotErrors() throws {
        for call in [#"csvdecode("a")[0]"#, #"core::lower("0.0.0.0/0")"#, #"provider::aws::arn_parse("x")"#] {
            let errors = try Self.errorsOfReadable(["main.tf": Self.module(call)])
            #expect(errors.isEmpty, "\(call): \(errors)")
        }
    }

    @Test func aNumberVariableGivenAStringThatIsNoNumberStopsTheModule() throws {
        let main = """
            variable "port" {
              type = number
            }
            provider "aws" {
              region = "us-east-1"
            }
            resource "aws_security_group_rule" "ssh" {
              type              = "ingress"
              security_group_id = "sg-0123456789abcdef0"
              from_port         = var.port
              to_port           = var.port
              protocol          = "tcp"
              cidr_blocks       = ["0.0.0.0/0"]
            }

            """
        let errors = try TerraformSourceHostileTests.errors(["main.tf": main, "terraform.tfvars": "port = \"https\"\n"])
        #expect(errors.count == 1 && errors[0].hasPrefix("terraform.tfvars:1:8: invalid value for an input variable: a number is required"),
                "\(errors)")
        #expect(!errors.joined().contains("https"), "the value is not shown")
        #expect(try Self.errorsOfReadable(["main.tf": main, "terraform.tfvars": "port = \"22\"\n"]).isEmpty)
        // A number too large for a double is still a number to Terraform.
        #expect(try Self.errorsOfReadable(["main.tf": main, "terraform.tfvars": "port = \"1e400\"\n"]).isEmpty)
    }
}
