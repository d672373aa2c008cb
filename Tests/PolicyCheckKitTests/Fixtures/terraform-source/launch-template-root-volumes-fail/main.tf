# Launch templates and a launch configuration whose instances' root volumes no mapping encrypts, used by Auto
# Scaling groups in every way a group can name them. Each is judged once, on itself.
provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "ebs" {
  enable_key_rotation = true
}

# No mapping: the root volume is the AMI's.
resource "aws_launch_template" "bare" {
  name_prefix = "bare-"
  image_id    = "ami-0123456789abcdef0"
}

# The encrypted volume is on a data device; the root device is left to the AMI.
resource "aws_launch_template" "data_only" {
  name     = "data-only"
  image_id = "ami-0123456789abcdef0"
  block_device_mappings {
    device_name = "/dev/xvdb"
    ebs {
      encrypted  = true
      kms_key_id = aws_kms_key.ebs.arn
    }
  }
}

# The root device mapped with encryption off.
resource "aws_launch_template" "root_off" {
  name     = "root-off"
  image_id = "ami-0123456789abcdef0"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = false
    }
  }
}

# Used only as a mixed instances policy's override for one instance type.
resource "aws_launch_template" "override" {
  name     = "override"
  image_id = "ami-0123456789abcdef0"
}

# Used by nothing here: another stack, a node group or a fleet may launch it.
resource "aws_launch_template" "unused" {
  name     = "unused"
  image_id = "ami-0123456789abcdef0"
}

resource "aws_launch_configuration" "legacy" {
  name_prefix   = "legacy-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

# Two groups use the same template, by id and by name, at $Latest and $Default: one finding on the template.
resource "aws_autoscaling_group" "by_id" {
  min_size           = 1
  max_size           = 2
  availability_zones = ["us-east-1a"]
  launch_template {
    id      = aws_launch_template.bare.id
    version = "$Latest"
  }
}

resource "aws_autoscaling_group" "by_name" {
  min_size           = 1
  max_size           = 2
  availability_zones = ["us-east-1a"]
  launch_template {
    name    = aws_launch_template.bare.name
    version = "$Default"
  }
}

resource "aws_autoscaling_group" "mixed" {
  min_size           = 1
  max_size           = 2
  availability_zones = ["us-east-1a"]
  mixed_instances_policy {
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.data_only.id
      }
      override {
        instance_type = "t3.large"
        launch_template_specification {
          launch_template_id = aws_launch_template.override.id
        }
      }
    }
  }
}

resource "aws_autoscaling_group" "root_off" {
  min_size           = 1
  max_size           = 2
  availability_zones = ["us-east-1a"]
  launch_template {
    id = aws_launch_template.root_off.id
  }
}

resource "aws_autoscaling_group" "legacy" {
  min_size             = 1
  max_size             = 2
  availability_zones   = ["us-east-1a"]
  launch_configuration = aws_launch_configuration.legacy.name
}
