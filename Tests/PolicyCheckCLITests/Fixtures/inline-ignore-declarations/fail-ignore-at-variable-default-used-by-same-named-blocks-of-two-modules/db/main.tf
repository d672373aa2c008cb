variable "cidr" {
  type = string
}

resource "aws_security_group" "web" {
  name        = "database"
  description = "database"
  vpc_id      = "vpc-123"
  ingress {
    description = "postgres"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}
