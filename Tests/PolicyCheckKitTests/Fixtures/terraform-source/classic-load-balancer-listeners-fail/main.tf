# A Classic Load Balancer's listeners are judged as aws_lb_listener's are (MMC-ENC-004), internal or not: plain HTTP
# fails (no redirect actions), tcp is not judged, an https listener takes the SSL negotiation policy attached to its
# port (aws_load_balancer_listener_policy naming an aws_load_balancer_policy, or aws_lb_ssl_negotiation_policy),
# else ELBSecurityPolicy-2016-08; a custom policy cannot be verified.
provider "aws" {
  region = "us-east-1"
}

resource "aws_elb" "public" {
  name               = "public"
  availability_zones = ["us-east-1a"]

  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  listener {
    instance_port     = 5432
    instance_protocol = "tcp"
    lb_port           = 5432
    lb_protocol       = "tcp"
  }

  listener {
    instance_port      = 80
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
  }

  listener {
    instance_port      = 8443
    instance_protocol  = "https"
    lb_port            = 8443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
  }

  listener {
    instance_port      = 636
    instance_protocol  = "ssl"
    lb_port            = 636
    lb_protocol        = "ssl"
    ssl_certificate_id = "arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
  }
}

resource "aws_load_balancer_policy" "tls12" {
  load_balancer_name = aws_elb.public.name
  policy_name        = "tls12"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}

resource "aws_load_balancer_listener_policy" "https" {
  load_balancer_name = aws_elb.public.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.tls12.policy_name]
}

resource "aws_lb_ssl_negotiation_policy" "own" {
  name          = "own-ciphers"
  load_balancer = aws_elb.public.id
  lb_port       = 636

  attribute {
    name  = "Protocol-TLSv1"
    value = "true"
  }
}

resource "aws_elb" "internal" {
  name     = "internal"
  internal = true
  subnets  = ["subnet-12345678"]

  listener {
    instance_port     = 8065
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}
