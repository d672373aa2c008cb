provider "aws" {
  region = "us-east-1"
}

# Two instances of one block: the ignore above its line covers both.
resource "aws_security_group" "bastion" {
  count       = 2
  name        = "bastion-${count.index}"
  description = "bastion"
  vpc_id      = "vpc-123"
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    # policycheck:ignore MMC-NET-001 bastion SSH from anywhere, reviewed in SEC-7
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# One module block called twice, and once more with for_each: one declaration in the module's file.
module "edge_a" {
  source = "./modules/sg"
  name   = "edge-a"
}

module "edge_b" {
  source = "./modules/sg"
  name   = "edge-b"
}

module "edge_each" {
  source   = "./modules/sg"
  for_each = toset(["x", "y"])
  name     = "edge-${each.key}"
}
