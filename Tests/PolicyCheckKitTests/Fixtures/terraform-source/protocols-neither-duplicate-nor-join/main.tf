provider "aws" {
  region = "us-east-1"
}

# TCP and UDP on one port from one range are two rules: neither duplicates the other.
resource "aws_security_group" "netbios" {
  name   = "netbios"
  vpc_id = "vpc-12345678"
  ingress {
    protocol    = "tcp"
    from_port   = 137
    to_port     = 137
    cidr_blocks = ["10.0.0.0/16"]
    description = "NetBIOS over TCP"
  }
  ingress {
    protocol    = "udp"
    from_port   = 137
    to_port     = 137
    cidr_blocks = ["10.0.0.0/16"]
    description = "NetBIOS over UDP"
  }
}

resource "aws_vpc_security_group_ingress_rule" "dns_tcp" {
  security_group_id = aws_security_group.netbios.id
  ip_protocol       = "6"
  from_port         = 53
  to_port           = 53
  cidr_ipv4         = "0.0.0.0/1"
  description       = "DNS over TCP from the lower half"
}

resource "aws_vpc_security_group_ingress_rule" "dns_udp" {
  security_group_id = aws_security_group.netbios.id
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
  cidr_ipv4         = "128.0.0.0/1"
  description       = "DNS over UDP from the upper half"
}
