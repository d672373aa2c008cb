provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "replica"
  region = "eu-central-1"
}

variable "region" {
  default = "us-east-1"
}

variable "env" {}

variable "buckets" {
  type    = set(string)
  default = ["logs", "data"]
}

locals {
  prefix   = "acme-${var.env}"
  rotation = { for name in var.buckets : name => name == "data" }
}

resource "aws_kms_key" "k" {
  for_each            = var.buckets
  description         = "${local.prefix}-${each.key}"
  enable_key_rotation = local.rotation[each.key]
}

resource "aws_ebs_volume" "v" {
  count             = 2
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = count.index == 0
  kms_key_id        = aws_kms_key.k["data"].arn
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "${local.prefix}-replica"
}

module "db" {
  source    = "./modules/db"
  encrypted = false
  key       = aws_kms_key.k["data"].arn
}

module "remote" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
