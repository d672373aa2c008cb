/// The `aws_` resource types the Terraform readers read (a type's literal in a reader), for
/// `TerraformCloudControlReader`: an awscc resource whose `aws_` twin is read is an error, not a pass.
/// `TerraformCloudControlReaderTests.everyTypeAReaderNamesIsListed` keeps it in step with the readers' sources.
enum TerraformReadTypes {
    static let all: [String] = [
        "aws_alb", "aws_alb_listener", "aws_alb_listener_rule", "aws_backup_plan", "aws_backup_vault",
        "aws_backup_vault_lock_configuration", "aws_cloudformation_stack_instances", "aws_cloudtrail",
        "aws_cloudwatch_log_group", "aws_dax_cluster", "aws_db_instance", "aws_db_option_group",
        "aws_db_parameter_group", "aws_db_proxy", "aws_default_security_group", "aws_dlm_lifecycle_policy",
        "aws_dms_replication_instance",
        "aws_docdb_cluster", "aws_docdb_global_cluster", "aws_docdb_cluster_parameter_group", "aws_dsql_cluster", "aws_dsql_cluster_peering",
        "aws_dynamodb_global_table", "aws_dynamodb_table", "aws_ebs_volume", "aws_ec2_managed_prefix_list",
        "aws_ec2_managed_prefix_list_entry", "aws_ecr_replication_configuration", "aws_efs_file_system",
        "aws_efs_replication_configuration", "aws_eks_cluster", "aws_eks_node_group", "aws_elasticache_cluster",
        "aws_elasticache_global_replication_group", "aws_elasticache_replication_group",
        "aws_elasticache_serverless_cache", "aws_elasticsearch_domain", "aws_elb", "aws_fsx_lustre_file_system",
        "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system", "aws_fsx_windows_file_system",
        "aws_globalaccelerator_custom_routing_endpoint_group", "aws_globalaccelerator_endpoint_group", "aws_instance",
        "aws_keyspaces_keyspace", "aws_kinesis_stream", "aws_kms_alias", "aws_kms_external_key", "aws_kms_key",
        "aws_kms_key_policy", "aws_kms_replica_external_key", "aws_kms_replica_key", "aws_launch_configuration",
        "aws_launch_template", "aws_lb", "aws_lb_listener", "aws_lb_listener_rule", "aws_lb_ssl_negotiation_policy",
        "aws_lightsail_database", "aws_load_balancer_listener_policy", "aws_load_balancer_policy", "aws_memorydb_cluster",
        "aws_mq_broker",
        "aws_msk_cluster", "aws_neptune_cluster", "aws_neptune_global_cluster", "aws_neptune_cluster_instance", "aws_opensearch_domain", "aws_opensearch_outbound_connection",
        "aws_opensearchserverless_collection", "aws_opensearchserverless_security_policy",
        "aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_cluster_parameter_group", "aws_rds_global_cluster", "aws_redshift_cluster",
        "aws_redshift_parameter_group", "aws_redshiftserverless_namespace", "aws_redshiftserverless_workgroup", "aws_s3_bucket", "aws_s3_bucket_acl",
        "aws_s3_bucket_logging", "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block", "aws_s3_bucket_replication_configuration",
        "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning", "aws_s3_directory_bucket",
        "aws_secretsmanager_secret", "aws_security_group", "aws_security_group_rule", "aws_spot_fleet_request",
        "aws_spot_instance_request", "aws_ssm_resource_data_sync", "aws_vpc_endpoint",
        "aws_vpc_security_group_ingress_rule", "aws_wafv2_ip_set", "aws_wafv2_web_acl", "aws_workspaces_workspace",
    ]
}

/// The resource types policycheck's readers read, for callers outside the adapters (blanket waiver globs).
public enum JudgedResourceTypes {
    public static var terraform: [String] { TerraformReadTypes.all }
}
