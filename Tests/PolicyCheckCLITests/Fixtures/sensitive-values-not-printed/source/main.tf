provider "aws" {
  region = "us-east-1"
}

variable "office_ip" {
  type      = string
  sensitive = true
  default   = "10.20.30.40"
}

resource "aws_security_group" "admin" {
  name        = "admin"
  description = "admin"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["${var.office_ip}/32", sensitive("10.50.60.0/24")]
  }
}
