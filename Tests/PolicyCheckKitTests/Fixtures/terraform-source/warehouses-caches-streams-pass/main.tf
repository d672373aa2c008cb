# The same stores encrypted at rest on the module's own key, TLS only and private.
provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "data" {
  description         = "Acme data key"
  enable_key_rotation = true
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier           = "warehouse"
  node_type                    = "ra3.xlplus"
  cluster_type                 = "single-node"
  master_username              = "admin"
  encrypted                    = true
  kms_key_id                   = aws_kms_key.data.arn
  publicly_accessible          = false
  cluster_parameter_group_name = "tls-only"
}

resource "aws_redshift_parameter_group" "tls" {
  name   = "tls-only"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }
}

resource "aws_redshiftserverless_namespace" "lake" {
  namespace_name = "lake"
  kms_key_id     = aws_kms_key.data.arn
}

resource "aws_kinesis_stream" "clicks" {
  name            = "clicks"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.data.arn
}

resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.5.1"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type  = "kafka.m5.large"
    client_subnets = ["subnet-1", "subnet-2", "subnet-3"]
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.data.arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }
}

resource "aws_spot_instance_request" "worker" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  root_block_device {
    encrypted  = true
    kms_key_id = aws_kms_key.data.arn
  }
}
