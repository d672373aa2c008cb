variable "name" {
  type = string
}

variable "cidr" {
  type = string
  # policycheck:ignore MMC-NET-011 public HTTPS edge, reviewed in SEC-8
  default = "0.0.0.0/0"
}

resource "aws_security_group" "edge" {
  name        = var.name
  description = "edge"
  vpc_id      = "vpc-123"
  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}
