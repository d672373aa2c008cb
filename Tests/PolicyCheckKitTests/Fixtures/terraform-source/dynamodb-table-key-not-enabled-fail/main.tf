provider "aws" {
  region = "us-east-1"
}

variable "sse_enabled" {
  type = bool
}

resource "aws_kms_key" "table" {
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

# enabled false: DynamoDB uses an AWS owned key, whatever kms_key_arn names (MMC-ENC-002 at enabled).
resource "aws_dynamodb_table" "disabled" {
  name         = "disabled"
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
    enabled     = false
    kms_key_arn = aws_kms_key.table.arn
  }
}

# enabled not known: which key the table uses cannot be verified.
resource "aws_dynamodb_table" "undecided" {
  name         = "undecided"
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
    enabled     = var.sse_enabled
    kms_key_arn = aws_kms_key.table.arn
  }
}
