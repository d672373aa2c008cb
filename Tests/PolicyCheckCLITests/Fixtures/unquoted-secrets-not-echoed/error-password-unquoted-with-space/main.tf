resource "aws_db_instance" "d" {
  engine   = "postgres"
  password = Hunter2 SuperSecretValue
}
