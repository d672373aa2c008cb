variable "db_password" {
  type      = string
  sensitive = true
  default   = "Hunter2SuperSecret"
}
resource "aws_security_group" "g" {
  name = "g"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [cidrsubnet(var.db_password, 8, 1)]
  }
}
