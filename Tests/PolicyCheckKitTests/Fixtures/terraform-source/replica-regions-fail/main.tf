# Copies of the data kept in other regions, written inside nested blocks: a DynamoDB global-table replica, a
# Secrets Manager replica and an ECR replication destination outside us-east-1, one replica in us-east-1, and one
# whose region is a variable with no value (cannot be verified).
provider "aws" {
  region = "us-east-1"
}

variable "replica_region" {
  type = string
}

resource "aws_kms_key" "k" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_dynamodb_table" "t" {
  name         = "t"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.k.arn
  }

  replica {
    region_name = "us-east-1"
  }

  replica {
    region_name = "eu-west-1"
  }
}

resource "aws_dynamodb_table" "later" {
  name         = "later"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.k.arn
  }

  replica {
    region_name = var.replica_region
  }
}

resource "aws_secretsmanager_secret" "s" {
  name       = "s"
  kms_key_id = aws_kms_key.k.arn
  replica {
    region = "eu-west-1"
  }
}

resource "aws_ecr_replication_configuration" "r" {
  replication_configuration {
    rule {
      destination {
        region      = "ap-south-1"
        registry_id = "111122223333"
      }
    }
  }
}
