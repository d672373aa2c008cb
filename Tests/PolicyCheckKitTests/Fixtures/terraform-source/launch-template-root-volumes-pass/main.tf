# A launch template whose root device (Amazon Linux's /dev/xvda) is mapped, encrypted with the module's own key,
# used by an Auto Scaling group.
provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "ebs" {
  enable_key_rotation = true
}

resource "aws_launch_template" "nodes" {
  name     = "nodes"
  image_id = "ami-0123456789abcdef0"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      kms_key_id  = aws_kms_key.ebs.arn
      volume_size = 30
    }
  }
}

resource "aws_autoscaling_group" "nodes" {
  min_size           = 1
  max_size           = 2
  availability_zones = ["us-east-1a"]
  launch_template {
    id      = aws_launch_template.nodes.id
    version = aws_launch_template.nodes.latest_version
  }
}
