# The provider's region is the variable's: which value wins shows in the residency finding.
variable "region" {
  type    = string
  default = "ap-south-1"
}

provider "aws" {
  region = var.region
}
