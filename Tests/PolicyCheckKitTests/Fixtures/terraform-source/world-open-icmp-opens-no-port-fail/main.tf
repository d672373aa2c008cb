provider "aws" {
  region = "us-east-1"
}

# ICMP from everywhere opens no port: MMC-NET-011 (world-open on a port that is not administrative), not MMC-NET-001.
resource "aws_security_group" "ping" {
  name   = "ping"
  vpc_id = "vpc-12345678"
  ingress {
    protocol    = "icmp"
    from_port   = 8
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
    description = "echo request"
  }
}

resource "aws_security_group_rule" "ping6" {
  type              = "ingress"
  security_group_id = aws_security_group.ping.id
  protocol          = "icmpv6"
  from_port         = -1
  to_port           = -1
  ipv6_cidr_blocks  = ["::/0"]
  description       = "all ICMPv6"
}

resource "aws_security_group" "everything" {
  name   = "everything"
  vpc_id = "vpc-12345678"
  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
    description = "every protocol"
  }
}
