# The module as written; override.tf and ci_override.tf.json change it as Terraform merges them.
provider "aws" {
  region = "us-east-1"
}

locals {
  rotation = false
}

resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = local.rotation
}

resource "aws_db_instance" "db" {
  engine            = "postgres"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.data.arn
}

resource "aws_security_group" "ssh" {
  name = "ssh"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
    description = "ssh from the office"
  }
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
    description = "https from the office"
  }
}
