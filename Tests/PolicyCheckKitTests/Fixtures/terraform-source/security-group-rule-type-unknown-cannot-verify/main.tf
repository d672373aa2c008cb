# A module that takes its rules as a list (cloudposse/terraform-aws-security-group's shape, written anew): the rules
# exist only when var.enabled, which has no value here, so each.value — and the rule's type — is known only at
# apply. The SSH rule open to the world must not vanish as if it were egress.
provider "aws" {
  region = "us-east-1"
}

variable "enabled" {
  type = bool
}

variable "rules" {
  default = [{
    type        = "ingress"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
    description = "SSH"
  }]
}

resource "aws_security_group" "g" {
  name = "g"
}

resource "aws_security_group_rule" "r" {
  for_each          = var.enabled ? { for i, r in var.rules : i => r } : {}
  security_group_id = aws_security_group.g.id
  type              = each.value.type
  from_port         = each.value.from_port
  to_port           = each.value.to_port
  protocol          = each.value.protocol
  cidr_blocks       = each.value.cidr_blocks
  description       = each.value.description
}
