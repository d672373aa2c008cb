# Logging, multi-region, validated trails: every fail_ trail's event selectors leave out management events (MMC-LOG-001),
# every pass_ trail's record them all.
provider "aws" {
  region = "us-east-1"
}

locals {
  trail = {
    s3_bucket_name             = "trail-logs"
    is_multi_region_trail      = true
    enable_log_file_validation = true
  }
}

resource "aws_cloudtrail" "fail_no_management_events" {
  name                       = "a"
  s3_bucket_name             = local.trail.s3_bucket_name
  is_multi_region_trail      = true
  enable_log_file_validation = true
  event_selector {
    read_write_type           = "All"
    include_management_events = false
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "fail_write_only" {
  name                       = "b"
  s3_bucket_name             = local.trail.s3_bucket_name
  is_multi_region_trail      = true
  enable_log_file_validation = true
  event_selector {
    read_write_type = "WriteOnly"
  }
}

resource "aws_cloudtrail" "fail_kms_excluded" {
  name                       = "c"
  s3_bucket_name             = local.trail.s3_bucket_name
  is_multi_region_trail      = true
  enable_log_file_validation = true
  advanced_event_selector {
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
    field_selector {
      field      = "eventSource"
      not_equals = ["kms.amazonaws.com"]
    }
  }
}

resource "aws_cloudtrail" "pass_no_selectors" {
  name                       = "d"
  s3_bucket_name             = local.trail.s3_bucket_name
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "pass_management_and_data" {
  name                       = "e"
  s3_bucket_name             = local.trail.s3_bucket_name
  is_multi_region_trail      = true
  enable_log_file_validation = true
  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
