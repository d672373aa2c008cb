# Overrides: the key's rotation comes back on through the local; the database loses its encryption.
locals {
  rotation = true
}

resource "aws_db_instance" "db" {
  storage_encrypted = false
}
