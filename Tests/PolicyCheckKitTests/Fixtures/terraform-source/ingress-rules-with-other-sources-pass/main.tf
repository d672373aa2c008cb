resource "aws_security_group" "peer" {
  name = "peer"
}

resource "aws_security_group" "inline" {
  name = "inline"
  ingress {
    description = "from itself"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    self        = true
  }
  ingress {
    description     = "from the peer group"
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    security_groups = [aws_security_group.peer.id]
  }
  ingress {
    description     = "from a prefix list"
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = ["pl-12345678"]
  }
}

resource "aws_security_group_rule" "rule" {
  type                     = "ingress"
  security_group_id        = aws_security_group.inline.id
  description              = "from the peer group"
  from_port                = 22
  to_port                  = 22
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.peer.id
}

resource "aws_vpc_security_group_ingress_rule" "vpc_rule" {
  security_group_id            = aws_security_group.inline.id
  description                  = "from the peer group"
  from_port                    = 22
  to_port                      = 22
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.peer.id
}
