resource "awscc_rds_db_cluster" "aurora" {
  engine            = "aurora-postgresql"
  storage_encrypted = false
}
