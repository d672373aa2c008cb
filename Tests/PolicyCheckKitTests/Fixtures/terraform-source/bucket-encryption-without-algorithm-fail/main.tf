resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "no_algorithm" {
  bucket = "shared-name"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "no_algorithm" {
  bucket = aws_s3_bucket.no_algorithm.bucket
  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}

# Same name, no configuration of its own: the one above refers to the other bucket, so it is not this one's.
resource "aws_s3_bucket" "same_name" {
  bucket = "shared-name"
}
