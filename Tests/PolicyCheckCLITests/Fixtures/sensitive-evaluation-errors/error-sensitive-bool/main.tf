variable "pw" {
  sensitive = true
  default   = "Hunter2SuperSecretValue"
}
resource "aws_db_instance" "a" {
  storage_encrypted = var.pw
  port = var.pw
}
