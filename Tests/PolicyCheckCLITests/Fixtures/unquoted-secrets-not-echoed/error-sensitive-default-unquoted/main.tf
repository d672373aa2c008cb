variable "db_password" {
  type      = string
  sensitive = true
  default   = Hunter2SuperSecretValue
}
