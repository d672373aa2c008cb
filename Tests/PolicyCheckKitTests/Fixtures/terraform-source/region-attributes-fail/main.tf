# Regions named by attributes other than a resource's own `region`: a VPC peer, StackSet instances (AWS provider 5's
# `region`, provider 6's `stack_set_instance_region`, the `regions` of aws_cloudformation_stack_instances), an
# inventory sync's bucket, where a snapshot copy goes and where a replica's source is. A peer region from a variable
# without a value cannot be verified; one not set is the provider's region.
variable "peer_region" {
  type = string
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc_peering_connection" "eu" {
  vpc_id      = "vpc-12345678"
  peer_vpc_id = "vpc-87654321"
  peer_region = "eu-west-1"
}

resource "aws_vpc_peering_connection" "later" {
  vpc_id      = "vpc-12345678"
  peer_vpc_id = "vpc-11223344"
  peer_region = var.peer_region
}

resource "aws_vpc_peering_connection" "same" {
  vpc_id      = "vpc-12345678"
  peer_vpc_id = "vpc-55667788"
}

resource "aws_cloudformation_stack_set_instance" "v5" {
  account_id     = "123456789012"
  region         = "eu-west-1"
  stack_set_name = "data"
}

resource "aws_cloudformation_stack_set_instance" "v6" {
  account_id                = "123456789012"
  stack_set_instance_region = "eu-central-1"
  stack_set_name            = "data"
}

resource "aws_cloudformation_stack_instances" "all" {
  accounts       = ["123456789012"]
  regions        = ["us-east-1", "ap-south-1"]
  stack_set_name = "data"
}

resource "aws_ssm_resource_data_sync" "inventory" {
  name = "inventory"

  s3_destination {
    bucket_name = "inventory"
    region      = "eu-north-1"
  }
}

resource "aws_db_snapshot_copy" "eu" {
  source_db_snapshot_identifier = "arn:aws:rds:us-east-1:123456789012:snapshot:s"
  target_db_snapshot_identifier = "copy"
  destination_region            = "eu-west-1"
}

resource "aws_rds_cluster" "replica" {
  cluster_identifier = "replica"
  engine             = "aurora-postgresql"
  storage_encrypted  = true
  source_region      = "eu-central-1"
}
