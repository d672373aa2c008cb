# The same rules with a literal type: every other attribute is known only at apply, the description too, so the
# entry cannot be verified — and its description, not known either, is not a missing one (MMC-NET-008).
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
  type              = "ingress"
  from_port         = each.value.from_port
  to_port           = each.value.to_port
  protocol          = each.value.protocol
  cidr_blocks       = each.value.cidr_blocks
  description       = each.value.description
}
