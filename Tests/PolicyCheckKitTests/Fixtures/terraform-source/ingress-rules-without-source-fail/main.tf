resource "aws_security_group" "inline" {
  name = "inline"
  ingress {
    description = "nothing"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    self        = false
  }
}

resource "aws_security_group_rule" "rule" {
  type              = "ingress"
  security_group_id = aws_security_group.inline.id
  description       = "nothing"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = []
}

resource "aws_vpc_security_group_ingress_rule" "vpc_rule" {
  security_group_id = aws_security_group.inline.id
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}
