# Two calls of one module, each passing the other's output (as terraform-aws-s3-bucket's s3-analytics example
# does): Terraform evaluates every module input and output on its own, so this is no cycle.
provider "aws" {
  region = "us-east-1"
}

module "source_bucket" {
  source = "./bucket"

  name        = "analytics-source"
  partner_arn = module.destination_bucket.arn
}

module "destination_bucket" {
  source = "./bucket"

  name        = "analytics-destination"
  partner_arn = module.source_bucket.arn
}
