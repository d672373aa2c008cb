# Classic Load Balancer listeners whose custom SSL negotiation policies enable TLS 1.0 (MMC-ENC-004 fails on both).
provider "aws" {
  region = "us-east-1"
}

resource "aws_elb" "web" {
  name            = "web"
  subnets         = ["subnet-0123456789abcdef0"]
  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 80
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  }
  listener {
    lb_port            = 8443
    lb_protocol        = "ssl"
    instance_port      = 80
    instance_protocol  = "tcp"
    ssl_certificate_id = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  }
}

resource "aws_load_balancer_policy" "custom" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "custom"
  policy_type_name   = "SSLNegotiationPolicyType"
  policy_attribute {
    name  = "Protocol-TLSv1"
    value = "true"
  }
  policy_attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }
}

resource "aws_load_balancer_listener_policy" "https" {
  load_balancer_name = aws_elb.web.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.custom.policy_name]
}

resource "aws_lb_ssl_negotiation_policy" "ssl" {
  name          = "ssl"
  load_balancer = aws_elb.web.id
  lb_port       = 8443
  attribute {
    name  = "Protocol-TLSv1.1"
    value = "true"
  }
}
