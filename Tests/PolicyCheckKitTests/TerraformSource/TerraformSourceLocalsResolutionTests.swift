import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// Keys and companions are found through `local.*` as through module variables: each module's locals are written
/// once with their own references, and resolution follows them without spending depth, so a chain of locals is
/// listed once rather than expanded into every expression that uses it.
@Suite struct TerraformSourceLocalsResolutionTests {
    static func deployment(_ files: [String: String]) throws -> Deployment {
        let directory = try TerraformSourceFixture.temporaryModule(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        return try #require(outcome.deployment, "\(outcome.errors)")
    }

    static func keyChain(_ length: Int) -> String {
        var text = "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n\nlocals {\n  l0 = aws_kms_key.k.arn\n"
        for index in 1..<length { text += "  l\(index) = local.l\(index - 1)\n" }
        return text + "}\n\nresource \"aws_db_instance\" \"d\" {\n  storage_encrypted = true\n  kms_key_id = local.l\(length - 1)\n}\n"
    }

    @Test func aKeyIsFoundThroughAChainOfLocalsLongerThanTheResolutionDepth() throws {
        let length = TerraformConfiguration.maxResolutionDepth * 4
        let deployment = try Self.deployment(["main.tf": Self.keyChain(length)])
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value == .known("aws_kms_key.k"))
    }

    @Test func eachExpressionListsOnlyItsOwnReferences() throws {
        let deployment = try Self.deployment(["main.tf": Self.keyChain(50)])
        let module = try #require(deployment.rawNode?["configuration"]?["root_module"])
        let database = try #require(module["resources"]?.items?.first { $0["address"]?.string == "aws_db_instance.d" })
        #expect(database["expressions"]?["kms_key_id"]?["references"]?.items?.compactMap(\.string) == ["local.l49"])
        #expect(module["locals"]?["l49"]?["references"]?.items?.compactMap(\.string) == ["local.l48"])
        #expect(module["locals"]?["l0"]?["references"]?.items?.compactMap(\.string) == ["aws_kms_key.k.arn", "aws_kms_key.k"])
    }

    @Test func aLocalInAModuleLeadsThroughItsVariableToTheCallersLocal() throws {
        let deployment = try Self.deployment([
            "main.tf": """
            resource "aws_kms_key" "k" {
              enable_key_rotation = true
            }
            locals {
              key = aws_kms_key.k.arn
            }
            module "db" {
              source = "./db"
              key    = local.key
            }
            """,
            "db/main.tf": """
            variable "key" {}
            locals {
              inner = var.key
            }
            resource "aws_db_instance" "d" {
              storage_encrypted = true
              kms_key_id        = local.inner
            }
            """,
        ])
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value == .known("aws_kms_key.k"))
    }

    @Test func aCompanionIsFoundThroughALocal() throws {
        let deployment = try Self.deployment(["main.tf": """
            resource "aws_s3_bucket" "b" {
              bucket = "data"
            }
            locals {
              bucket = aws_s3_bucket.b.id
            }
            resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
              bucket = local.bucket
              rule {
                apply_server_side_encryption_by_default {
                  sse_algorithm = "aws:kms"
                }
              }
            }
            """])
        #expect(deployment.dataStores.first?.encryption.algorithm?.value.known == "aws:kms")
    }

    /// Locals that refer to each other only in their references (a branch the evaluator never takes): each
    /// database's key is what following its own local finds, whichever database is read first. A search cut short by
    /// the cycle once gave its partial answer to every later one, and an RSA key lost its only user.
    @Test func aSearchCutShortByACycleOfLocalsIsNotReused() throws {
        let deployment = try Self.deployment(["main.tf": """
            resource "aws_kms_key" "p" {
              customer_master_key_spec = "RSA_2048"
            }
            resource "aws_kms_key" "q" {
              enable_key_rotation = true
            }
            locals {
              y = false ? local.x : aws_kms_key.p.arn
              x = local.y == "" ? aws_kms_key.q.arn : aws_kms_key.q.arn
            }
            resource "aws_db_instance" "a" {
              storage_encrypted = true
              kms_key_id        = local.y
            }
            resource "aws_db_instance" "b" {
              storage_encrypted = true
              kms_key_id        = local.x
            }
            """])
        let keys = deployment.dataStores.map { "\($0.component)=\($0.encryption.kmsKey?.value.known ?? "-")" }
        // As when every expression listed its locals' references expanded (`a`: y, x, q, …; `b`: x, y, p, …).
        #expect(keys == ["aws_db_instance.a=aws_kms_key.q", "aws_db_instance.b=aws_kms_key.p"])
    }

    /// A plan's configuration has no locals: a hand-written `locals` object is not followed (a chain of 4,000 of
    /// them overflowed the stack), and `local.*` references lead nowhere, as they always have.
    @Test func aPlansLocalsAreNotFollowed() throws {
        var locals: [String] = [#""l0": {"references": ["aws_kms_key.k.arn", "aws_kms_key.k"]}"#]
        for index in 1..<4000 { locals.append(#""l\#(index)": {"references": ["local.l\#(index - 1)"]}"#) }
        let plan = """
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k",
               "change": {"actions": ["create"], "after": {"enable_key_rotation": true}, "after_unknown": {"arn": true}}},
              {"address": "aws_db_instance.d", "mode": "managed", "type": "aws_db_instance", "name": "d",
               "change": {"actions": ["create"], "after": {"storage_encrypted": true}, "after_unknown": {"kms_key_id": true}}}],
             "configuration": {"root_module": {"resources": [
               {"address": "aws_db_instance.d", "mode": "managed", "type": "aws_db_instance", "name": "d",
                "expressions": {"kms_key_id": {"references": ["local.l3999"]}}}],
               "locals": {\(locals.joined(separator: ", "))}}}}
            """
        let deployment = try TerraformFixture.deployment(json: plan)
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value.known == nil)
    }
}
