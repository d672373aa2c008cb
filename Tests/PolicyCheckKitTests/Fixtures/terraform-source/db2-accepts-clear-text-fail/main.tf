# RDS for Db2: every fail_ instance accepts clear-text connections (MMC-ENC-003), the pass_ one refuses them.
provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "fail_default_group" {
  identifier              = "a"
  engine                  = "db2-se"
  engine_version          = "11.5.9.0.sb00000000.r1"
  license_model           = "marketplace-license"
  instance_class          = "db.m6i.large"
  allocated_storage       = 100
  storage_encrypted       = true
  backup_retention_period = 7
}

resource "aws_db_parameter_group" "both_ports" {
  name   = "both-ports"
  family = "db2-se-11.5"
  parameter {
    name         = "db2comm"
    value        = "TCPIP,SSL"
    apply_method = "pending-reboot"
  }
}

resource "aws_db_instance" "fail_both_ports" {
  identifier              = "b"
  engine                  = "db2-se"
  license_model           = "marketplace-license"
  instance_class          = "db.m6i.large"
  allocated_storage       = 100
  storage_encrypted       = true
  backup_retention_period = 7
  parameter_group_name    = aws_db_parameter_group.both_ports.name
}

resource "aws_db_parameter_group" "ssl_only" {
  name   = "ssl-only"
  family = "db2-se-11.5"
  parameter {
    name         = "DB2COMM"
    value        = "SSL"
    apply_method = "pending-reboot"
  }
  parameter {
    name         = "ssl_svcename"
    value        = "50443"
    apply_method = "pending-reboot"
  }
}

resource "aws_db_instance" "pass_ssl_only" {
  identifier              = "c"
  engine                  = "db2-se"
  license_model           = "marketplace-license"
  instance_class          = "db.m6i.large"
  allocated_storage       = 100
  storage_encrypted       = true
  backup_retention_period = 7
  parameter_group_name    = aws_db_parameter_group.ssl_only.name
}
