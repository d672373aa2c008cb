# Attributes the provider computes, read before apply (as terraform-aws-eks and terraform-aws-vpc do): an attribute
# of a nested block the configuration does not set, and an attribute set to null that the provider fills in.
provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "this" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
  ipv6_cidr_block                  = null
}

resource "aws_subnet" "public" {
  vpc_id          = aws_vpc.this.id
  cidr_block      = "10.0.1.0/24"
  ipv6_cidr_block = cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, 1)
}

resource "aws_eks_cluster" "this" {
  name     = "cluster"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = [aws_subnet.public.id]
  }
}

resource "aws_ec2_tag" "cluster_security_group" {
  resource_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  key         = "team"
  value       = "platform"
}

resource "aws_security_group_rule" "from_cluster" {
  type                     = "ingress"
  from_port                = 443
  to_port                  = 443
  protocol                 = "tcp"
  security_group_id        = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  source_security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  description              = "cluster to itself"
}
