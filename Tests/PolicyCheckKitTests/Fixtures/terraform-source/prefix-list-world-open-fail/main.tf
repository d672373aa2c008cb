provider "aws" {
  region = "us-east-1"
}

# A list of the module with a world-open entry: the rule admits everyone on its port.
resource "aws_ec2_managed_prefix_list" "world" {
  name           = "world"
  address_family = "IPv4"
  max_entries    = 2
  entry {
    cidr        = "0.0.0.0/0"
    description = "everyone"
  }
}

resource "aws_security_group" "db" {
  name = "db"
  ingress {
    description     = "clients"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    prefix_list_ids = [aws_ec2_managed_prefix_list.world.id]
  }
}

# A list whose entries are separate resources: one is private, one world-open.
resource "aws_ec2_managed_prefix_list" "office" {
  name           = "office"
  address_family = "IPv4"
  max_entries    = 5
}

resource "aws_ec2_managed_prefix_list_entry" "vpn" {
  prefix_list_id = aws_ec2_managed_prefix_list.office.id
  cidr           = "10.20.0.0/16"
}

resource "aws_ec2_managed_prefix_list_entry" "everyone" {
  prefix_list_id = aws_ec2_managed_prefix_list.office.id
  cidr           = "0.0.0.0/0"
}

resource "aws_security_group_rule" "office" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  description       = "office"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  prefix_list_ids   = [aws_ec2_managed_prefix_list.office.id]
}

# AWS-managed lists: their ranges are known only at deployment.
data "aws_ec2_managed_prefix_list" "s3" {
  name = "com.amazonaws.us-east-1.s3"
}

resource "aws_vpc_security_group_ingress_rule" "s3" {
  security_group_id = aws_security_group.db.id
  description       = "s3"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = data.aws_ec2_managed_prefix_list.s3.id
}

resource "aws_vpc_security_group_ingress_rule" "cloudfront" {
  security_group_id = aws_security_group.db.id
  description       = "cloudfront"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = "pl-3b927c52"
}
