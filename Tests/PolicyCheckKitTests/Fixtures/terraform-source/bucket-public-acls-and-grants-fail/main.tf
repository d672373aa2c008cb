provider "aws" {
  region = "us-east-1"
}

variable "grantee_uri" {
  type = string
}

data "aws_canonical_user_id" "current" {}

# authenticated-read grants READ to AuthenticatedUsers, any AWS account: a public ACL.
resource "aws_s3_bucket" "authenticated" {
  bucket = "chat-authenticated"
}

resource "aws_s3_bucket_acl" "authenticated" {
  bucket = aws_s3_bucket.authenticated.id
  acl    = "authenticated-read"
}

# The same canned ACL on the bucket itself (provider v3 and earlier).
resource "aws_s3_bucket" "inline_authenticated" {
  bucket = "chat-inline-authenticated"
  acl    = "authenticated-read"
}

# An explicit grant to AllUsers is public as public-read is.
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
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

# An inline grant to AuthenticatedUsers, whatever the permission.
resource "aws_s3_bucket" "inline_granted" {
  bucket = "chat-inline-granted"
  grant {
    type        = "Group"
    permissions = ["READ_ACP"]
    uri         = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
  }
}

# A grantee URI not known: whether the ACL is public cannot be verified.
resource "aws_s3_bucket" "undecided" {
  bucket = "chat-undecided"
}

resource "aws_s3_bucket_acl" "undecided" {
  bucket = aws_s3_bucket.undecided.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = var.grantee_uri
      }
      permission = "READ"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}
