provider "awscc" {
  region = "us-east-1"
}

# The provider's RDS instance is CloudFormation's AWS::RDS::DBInstance: unencrypted and public here.
resource "awscc_rds_db_instance" "db" {
  engine              = "mysql"
  db_instance_class   = "db.t3.micro"
  storage_encrypted   = false
  publicly_accessible = true
}

resource "awscc_ec2_security_group" "ssh" {
  group_description = "ssh from anywhere"
  security_group_ingress = [{
    ip_protocol = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_ip     = "0.0.0.0/0"
  }]
}

# A type no format's rules judge: not an input, as an aws_ one is not.
resource "awscc_ssm_parameter" "name" {
  type  = "String"
  value = "app"
}

# An awscc type whose aws_ twin is read (aws_wafv2_ip_set), though no CloudFormation rule judges it.
resource "awscc_wafv2_ip_set" "office" {
  addresses          = ["0.0.0.0/0"]
  ip_address_version = "IPV4"
  scope              = "REGIONAL"
}

# The aws provider's own routes to other resources: Cloud Control, and a stack's inline template.
provider "aws" {
  region = "us-east-1"
}

resource "aws_cloudcontrolapi_resource" "db" {
  type_name = "AWS::RDS::DBInstance"
  desired_state = jsonencode({
    Engine             = "mysql"
    DBInstanceClass    = "db.t3.micro"
    PubliclyAccessible = true
  })
}

resource "aws_cloudformation_stack" "inline" {
  name          = "inline"
  template_body = "{\"Resources\": {}}"
}

module "db" {
  source = "./modules/db"
}
