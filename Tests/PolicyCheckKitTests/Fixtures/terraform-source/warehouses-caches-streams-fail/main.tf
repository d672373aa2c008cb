# Stores the plan readers gained: each left unencrypted, in plaintext, public or to the provider's default.
provider "aws" {
  region = "us-east-1"
}

variable "tls" {
  type = bool
}

resource "aws_elasticache_cluster" "sessions" {
  cluster_id      = "sessions"
  engine          = "redis"
  node_type       = "cache.t3.micro"
  num_cache_nodes = 1
}

resource "aws_elasticache_cluster" "fragments" {
  cluster_id                 = "fragments"
  engine                     = "memcached"
  node_type                  = "cache.t3.micro"
  num_cache_nodes            = 2
  transit_encryption_enabled = var.tls
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier           = "warehouse"
  node_type                    = "ra3.xlplus"
  cluster_type                 = "single-node"
  master_username              = "admin"
  encrypted                    = false
  publicly_accessible          = true
  cluster_parameter_group_name = aws_redshift_parameter_group.plain.name
}

resource "aws_redshift_parameter_group" "plain" {
  name   = "plain"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "false"
  }
}

# Neither flag set: the provider's default, which its version decides.
resource "aws_redshift_cluster" "defaults" {
  cluster_identifier = "defaults"
  node_type          = "ra3.xlplus"
  cluster_type       = "single-node"
  master_username    = "admin"
}

resource "aws_redshiftserverless_namespace" "lake" {
  namespace_name = "lake"
}

resource "aws_dax_cluster" "accelerator" {
  cluster_name       = "accelerator"
  iam_role_arn       = "arn:aws:iam::123456789012:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3
}

resource "aws_kinesis_stream" "clicks" {
  name        = "clicks"
  shard_count = 1
}

resource "aws_kinesis_stream" "orders" {
  name            = "orders"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}

resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.5.1"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type  = "kafka.m5.large"
    client_subnets = ["subnet-1", "subnet-2", "subnet-3"]

    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "PLAINTEXT"
    }
  }
}

resource "aws_spot_instance_request" "worker" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  spot_type     = "one-time"

  root_block_device {
    encrypted = false
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = false
  }
}

resource "aws_spot_fleet_request" "workers" {
  iam_fleet_role  = "arn:aws:iam::123456789012:role/fleet"
  target_capacity = 2

  launch_specification {
    ami           = "ami-12345678"
    instance_type = "t3.micro"

    root_block_device {
      encrypted = false
    }
  }

  # No root_block_device: the root volume's encryption is not declared.
  launch_specification {
    ami           = "ami-12345678"
    instance_type = "t3.micro"
  }
}
