resource "aws_db_instance" "d" {
  engine            = "postgres"
  storage_encrypted = Hunter2.SuperSecretValue
}
