provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "table" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

# enabled true: the key kms_key_arn names encrypts the table.
resource "aws_dynamodb_table" "enabled" {
  name         = "enabled"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.table.arn
  }
}
