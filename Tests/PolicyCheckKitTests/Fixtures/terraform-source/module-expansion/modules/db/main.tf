variable "encrypted" {}
variable "key" {}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  storage_encrypted = var.encrypted
  kms_key_id        = var.key
}

output "address" {
  value = aws_db_instance.main.address
}
