@testable import PolicyCheckKit
import Testing

/// MMC-ENC-003 and MMC-ENC-004: encryption in transit (issue 15), read from Terraform plans and CloudFormation
/// templates: database parameter groups, bucket policies, ElastiCache and load-balancer listeners.
@Suite struct TransitEncryptionRuleTests {
    typealias CFN = CloudFormationTesting
    typealias Plan = TerraformPlanBuilder

    static let denyInsecure = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::files","arn:aws:s3:::files/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#

    static func transitFindings(_ plan: Plan) throws -> [String] {
        try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-ENC-003" || $0.ruleId == "MMC-ENC-004" }
            .map { "\($0.ruleId) \($0.severity.rawValue) \($0.resource) \($0.path)" }
    }

    @Test func terraformDatabasesRequireTLSThroughTheirParameterGroup() throws {
        var plan = Plan()
        let base: [String: Any] = ["storage_encrypted": true, "backup_retention_period": 7, "enabled_cloudwatch_logs_exports": ["postgresql"]]
        plan.change("aws_db_parameter_group.forced", "aws_db_parameter_group", after: [
            "name": "forced", "family": "postgres14", "parameter": [["name": "rds.force_ssl", "value": "1", "apply_method": "immediate"]],
        ])
        plan.change("aws_db_parameter_group.off", "aws_db_parameter_group", after: [
            "name": "off", "family": "postgres16", "parameter": [["name": "rds.force_ssl", "value": "0", "apply_method": "immediate"]],
        ])
        plan.change("aws_db_instance.forced", "aws_db_instance", after: base.merging(["engine": "postgres", "engine_version": "14.9", "parameter_group_name": "forced"]) { $1 })
        plan.change("aws_db_instance.off", "aws_db_instance", after: base.merging(["engine": "postgres", "engine_version": "16.4", "parameter_group_name": "off"]) { $1 })
        plan.change("aws_db_instance.old", "aws_db_instance", after: base.merging(["engine": "postgres", "engine_version": "14.9"]) { $1 })
        plan.change("aws_db_instance.new", "aws_db_instance", after: base.merging(["engine": "postgres", "engine_version": "16.4"]) { $1 })
        plan.change("aws_db_instance.mysql", "aws_db_instance", after: base.merging(["engine": "mysql", "engine_version": "8.0.35"]) { $1 })
        plan.change("aws_db_instance.later", "aws_db_instance", after: base.merging(["engine": "postgres", "engine_version": "14.9"]) { $1 },
                    unknown: ["parameter_group_name": true])
        plan.configure("aws_db_instance.later", ["parameter_group_name": Plan.references("var.parameter_group")])
        let found = try Self.transitFindings(plan)
        #expect(found == [
            "MMC-ENC-003 high aws_db_instance.off resource_changes[1].change.after.parameter[0].value",
            "MMC-ENC-003 high aws_db_instance.old resource_changes[4].change.after.parameter_group_name",
            "MMC-ENC-003 high aws_db_instance.mysql resource_changes[6].change.after.parameter_group_name",
            "MMC-ENC-003 info aws_db_instance.later resource_changes[7].change.after_unknown.parameter_group_name",
        ])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
        let off = try #require(findings.first { $0.resource == "aws_db_instance.off" && $0.ruleId == "MMC-ENC-003" })
        #expect(off.message == "the database accepts connections without TLS (rds.force_ssl is '0' in aws_db_parameter_group.off); expected the parameter group to require TLS (rds.force_ssl 1, or require_secure_transport ON)")
    }

    @Test func terraformBucketsNeedAPolicyDenyingInsecureTransport() throws {
        var plan = Plan()
        for name in ["files", "open"] {
            plan.change("aws_s3_bucket.\(name)", "aws_s3_bucket", after: ["bucket": name])
        }
        plan.change("aws_s3_bucket_policy.files", "aws_s3_bucket_policy", after: ["bucket": "files", "policy": Self.denyInsecure])
        plan.change("aws_s3_bucket_policy.open", "aws_s3_bucket_policy", after: ["bucket": "open", "policy": #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*"}]}"#])
        plan.change("aws_elasticache_replication_group.sessions", "aws_elasticache_replication_group", after: ["at_rest_encryption_enabled": true])
        plan.change("aws_elasticache_replication_group.secure", "aws_elasticache_replication_group", after: ["at_rest_encryption_enabled": true, "transit_encryption_enabled": true])
        let found = try Self.transitFindings(plan)
        #expect(found == [
            "MMC-ENC-003 high aws_s3_bucket.open resource_changes[3].change.after.policy",
            "MMC-ENC-003 high aws_elasticache_replication_group.sessions resource_changes[4].change.after.transit_encryption_enabled",
        ])
    }

    @Test func terraformListenersUseHTTPSWithACurrentPolicy() throws {
        var plan = Plan()
        plan.change("aws_lb_listener.plain", "aws_lb_listener", after: ["port": 80, "protocol": "HTTP", "default_action": [["type": "forward"]]])
        plan.change("aws_lb_listener.redirect", "aws_lb_listener", after: ["port": 80, "protocol": "HTTP",
            "default_action": [["type": "redirect", "redirect": [["protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"]]]]])
        plan.change("aws_lb_listener.old", "aws_lb_listener", after: ["port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"])
        plan.change("aws_lb_listener.unset", "aws_lb_listener", after: ["port": 443, "protocol": "HTTPS"], unknown: ["ssl_policy": true])
        plan.change("aws_lb_listener.good", "aws_lb_listener", after: ["port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"])
        plan.change("aws_lb_listener.tcp", "aws_lb_listener", after: ["port": 5432, "protocol": "TCP"])
        plan.change("aws_lb_listener.chosen", "aws_lb_listener", after: ["port": 443, "protocol": "HTTPS"], unknown: ["ssl_policy": true])
        plan.configure("aws_lb_listener.unset", ["protocol": Plan.constant("HTTPS")])
        plan.configure("aws_lb_listener.chosen", ["ssl_policy": Plan.references("var.ssl_policy")])
        let found = try Self.transitFindings(plan)
        #expect(found == [
            "MMC-ENC-004 high aws_lb_listener.plain resource_changes[0].change.after.protocol",
            "MMC-ENC-004 high aws_lb_listener.old resource_changes[2].change.after.ssl_policy",
            // No policy named: AWS applies ELBSecurityPolicy-2016-08.
            "MMC-ENC-004 high aws_lb_listener.unset resource_changes[3].change.after.ssl_policy",
            "MMC-ENC-004 info aws_lb_listener.chosen resource_changes[6].change.after_unknown.ssl_policy",
        ])
    }

    /// An HTTP listener carries nothing to its targets when its default actions redirect to HTTPS or answer with a
    /// fixed response; a redirect that keeps HTTP fails, saying so rather than that it forwards.
    @Test func terraformHTTPListenersAreJudgedByWhatTheirDefaultActionsDo() throws {
        var plan = Plan()
        let fixed: [String: Any] = ["type": "fixed-response", "fixed_response": [["content_type": "text/plain", "status_code": "404"]]]
        let keeps: [String: Any] = ["type": "redirect", "redirect": [["protocol": "#{protocol}", "host": "example.com", "status_code": "HTTP_301"]]]
        let unstated: [String: Any] = ["type": "redirect", "redirect": [["host": "example.com", "status_code": "HTTP_302"]]]
        plan.change("aws_lb_listener.fixed", "aws_lb_listener", after: ["port": 80, "protocol": "HTTP", "default_action": [fixed]])
        plan.change("aws_lb_listener.keeps", "aws_lb_listener", after: ["port": 8080, "protocol": "HTTP", "default_action": [keeps]])
        plan.change("aws_lb_listener.unstated", "aws_lb_listener", after: ["port": 8081, "protocol": "HTTP", "default_action": [unstated]])
        plan.change("aws_lb_listener.dynamic", "aws_lb_listener", after: ["port": 8082, "protocol": "HTTP"], unknown: ["default_action": true])
        plan.configure("aws_lb_listener.dynamic", ["default_action": Plan.references("var.actions")])
        #expect(try Self.transitFindings(plan) == [
            "MMC-ENC-004 high aws_lb_listener.keeps resource_changes[1].change.after.protocol",
            "MMC-ENC-004 high aws_lb_listener.unstated resource_changes[2].change.after.protocol",
            // Actions made by a `dynamic` block over a value unknown until apply: what they do cannot be told.
            "MMC-ENC-004 info aws_lb_listener.dynamic resource_changes[3].change.after_unknown.default_action",
        ])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
        #expect(findings.filter { $0.ruleId == "MMC-ENC-004" && !$0.cannotVerify }.map(\.message) == [
            "the listener accepts plain HTTP and redirects it without moving to HTTPS (the redirect's protocol is '#{protocol}'); expected HTTPS, or a redirect to HTTPS",
            "the listener accepts plain HTTP and redirects it without moving to HTTPS (the redirect names no protocol, so it keeps the request's); expected HTTPS, or a redirect to HTTPS",
        ])
    }

    @Test func cloudFormationRedirectKeepingHTTPSaysSoRatherThanForwards() throws {
        let template = """
            Resources:
              L:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  Port: 8080
                  Protocol: HTTP
                  DefaultActions:
                    - Type: redirect
                      RedirectConfig: {Protocol: "#{protocol}", Port: "80", StatusCode: HTTP_301}
              Fixed: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {Protocol: HTTP, Port: 80, DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "404"}}]}}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-ENC-004" }
        #expect(findings.map(\.cfnSummary) == ["6:17 high MMC-ENC-004 L Resources.L.Properties.Protocol"])
        #expect(findings.first?.message == "the listener accepts plain HTTP and redirects it without moving to HTTPS (the redirect's protocol is '#{protocol}'); expected HTTPS, or a redirect to HTTPS")
    }

    @Test func cloudFormationStoresAndListenersAreJudged() throws {
        let template = """
            Resources:
              Params: {Type: AWS::RDS::DBParameterGroup, Properties: {Family: postgres14, Description: tls, Parameters: {rds.force_ssl: 1}}}
              Forced: {Type: AWS::RDS::DBInstance, Properties: {Engine: postgres, EngineVersion: "14.9", StorageEncrypted: true, BackupRetentionPeriod: 7, EnableCloudwatchLogsExports: [postgresql], DBParameterGroupName: !Ref Params}}
              Default: {Type: AWS::RDS::DBInstance, Properties: {Engine: postgres, EngineVersion: "14.9", StorageEncrypted: true, BackupRetentionPeriod: 7, EnableCloudwatchLogsExports: [postgresql]}}
              Files: {Type: AWS::S3::Bucket}
              FilesPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Files
                  PolicyDocument:
                    Statement:
                      - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*", Condition: {Bool: {"aws:SecureTransport": false}}}
              Open: {Type: AWS::S3::Bucket}
              Cache: {Type: AWS::ElastiCache::ReplicationGroup, Properties: {AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true}}
              Plain: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {Protocol: HTTP, Port: 80, DefaultActions: [{Type: forward}]}}
              Redirect: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {Protocol: HTTP, Port: 80, DefaultActions: [{Type: redirect, RedirectConfig: {Protocol: HTTPS}}]}}
              Tls: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {Protocol: HTTPS, Port: 443}}
              Current: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {Protocol: HTTPS, Port: 443, SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06}}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-ENC-003" || $0.ruleId == "MMC-ENC-004" }
        #expect(findings.map(\.cfnSummary) == [
            "4:41 high MMC-ENC-003 Default Resources.Default.Properties.DBParameterGroupName",
            "13:3 high MMC-ENC-003 Open Resources.Open",
            "15:79 high MMC-ENC-004 Plain Resources.Plain.Properties.Protocol",
            "17:54 high MMC-ENC-004 Tls Resources.Tls.Properties.SslPolicy",
        ])
    }
}
