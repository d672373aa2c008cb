provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# Adopted by Terraform (as terraform-aws-modules/vpc's manage_default_security_group does): every interface in the VPC
# launched without a group of its own gets these rules.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.main.id
  ingress {
    description = "ssh"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    description = "inside the VPC"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    self        = true
  }
}

# Companion rules joining the default group are judged as for any other group.
resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_default_security_group.this.id
  description       = "rdp"
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group_rule" "web" {
  type              = "ingress"
  security_group_id = aws_default_security_group.this.id
  description       = "web"
  protocol          = "tcp"
  from_port         = 8080
  to_port           = 8080
  cidr_blocks       = ["0.0.0.0/0"]
}
