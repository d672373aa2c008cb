variable "db_password" {
  type      = string
  sensitive = true
  default   = "Hunter2SuperSecret"
}
locals {
  m = { a = "x" }
  v = local.m[var.db_password]
}
resource "aws_s3_bucket" "b" {
  bucket = local.v
}
