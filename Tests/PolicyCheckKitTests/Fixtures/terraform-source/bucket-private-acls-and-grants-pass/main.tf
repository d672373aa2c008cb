provider "aws" {
  region = "us-east-1"
}

data "aws_canonical_user_id" "current" {}

# log-delivery-write grants only the LogDelivery group: not public.
resource "aws_s3_bucket" "logs" {
  bucket = "chat-logs"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "log-delivery-write"
}

# Grants to the owner and to the LogDelivery group: not public.
resource "aws_s3_bucket" "granted" {
  bucket = "chat-granted"
}

resource "aws_s3_bucket_acl" "granted" {
  bucket = aws_s3_bucket.granted.id
  access_control_policy {
    grant {
      grantee {
        type = "CanonicalUser"
        id   = data.aws_canonical_user_id.current.id
      }
      permission = "FULL_CONTROL"
    }
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

# An inline grant to the owner (provider v3 and earlier): not public.
resource "aws_s3_bucket" "inline_granted" {
  bucket = "chat-inline-granted"
  grant {
    id          = data.aws_canonical_user_id.current.id
    type        = "CanonicalUser"
    permissions = ["FULL_CONTROL"]
  }
}

# A grant to AllUsers under a full public access block: S3 ignores it (and refuses new public grants).
resource "aws_s3_bucket" "blocked" {
  bucket = "chat-blocked"
}

resource "aws_s3_bucket_acl" "blocked" {
  bucket = aws_s3_bucket.blocked.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.blocked.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
