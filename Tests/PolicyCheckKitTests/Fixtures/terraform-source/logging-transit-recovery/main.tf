# Issue 15: logging, encryption in transit and recovery, written as Terraform source. Resources named pass_* meet
# MMC-ENC-003/004, MMC-AVL-004/005/006 and MMC-LOG-001..005; fail_* do not.
provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "pass_files" {
  bucket = "acme-files"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "pass_files" {
  bucket = aws_s3_bucket.pass_files.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "pass_files" {
  bucket = aws_s3_bucket.pass_files.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_logging" "pass_files" {
  bucket        = aws_s3_bucket.pass_files.id
  target_bucket = "acme-access-logs"
  target_prefix = "files/"
}

resource "aws_s3_bucket_policy" "pass_files" {
  bucket = aws_s3_bucket.pass_files.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::acme-files", "arn:aws:s3:::acme-files/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "fail_uploads" {
  bucket = "acme-uploads"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "fail_uploads" {
  bucket = aws_s3_bucket.fail_uploads.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "fail_uploads" {
  bucket = aws_s3_bucket.fail_uploads.id
  versioning_configuration {
    status = "Suspended"
  }
}

resource "aws_db_parameter_group" "tls" {
  name   = "acme-tls"
  family = "postgres14"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "pass_db" {
  engine                          = "postgres"
  engine_version                  = "14.9"
  instance_class                  = "db.r6g.large"
  storage_encrypted               = true
  kms_key_id                      = aws_kms_key.data.arn
  parameter_group_name            = aws_db_parameter_group.tls.name
  backup_retention_period         = 14
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

resource "aws_db_instance" "fail_db" {
  engine            = "mysql"
  engine_version    = "8.0.35"
  instance_class    = "db.r6g.large"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.data.arn
}

resource "aws_cloudtrail" "pass_trail" {
  name                       = "acme"
  s3_bucket_name             = "acme-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.data.arn
}

resource "aws_cloudtrail" "fail_trail" {
  name           = "acme-single"
  s3_bucket_name = "acme-trail-logs"
  kms_key_id     = aws_kms_key.data.arn
}

resource "aws_lb_listener" "pass_https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/acme/1234567890abcdef"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/acme/1234567890abcdef"
  }
}

resource "aws_lb_listener" "fail_https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/acme/1234567890abcdef"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/acme/1234567890abcdef"
  }
}

resource "aws_backup_vault" "pass_vault" {
  name        = "acme-locked"
  kms_key_arn = aws_kms_key.data.arn
}

resource "aws_backup_vault_lock_configuration" "pass_vault" {
  backup_vault_name  = aws_backup_vault.pass_vault.name
  min_retention_days = 35
}

resource "aws_backup_vault" "fail_vault" {
  name        = "acme-open"
  kms_key_arn = aws_kms_key.data.arn
}

variable "short_retention_days" {
  type    = number
  default = 30
}

resource "aws_cloudwatch_log_group" "pass_audit_logs" {
  name              = "/acme/audit"
  retention_in_days = 400
}

resource "aws_cloudwatch_log_group" "pass_kept_until_deleted" {
  name = "/acme/kept"
}

resource "aws_cloudwatch_log_group" "fail_short_logs" {
  name              = "/acme/short"
  retention_in_days = var.short_retention_days
}

# DynamoDB keeps no continuous backups unless point-in-time recovery is enabled (35 days when no period is given).
resource "aws_dynamodb_table" "pass_orders" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }
  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_dynamodb_table" "fail_sessions" {
  name     = "sessions"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }
}

resource "aws_dynamodb_table" "fail_short_recovery" {
  name     = "carts"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }
  point_in_time_recovery {
    enabled                 = true
    recovery_period_in_days = 3
  }
}
