provider "aws" {
  region = "us-east-1"
}

variable "shared_listener_arn" {
  type = string
}

# Redirects to HTTPS by default, but AWS evaluates the rules below first.
resource "aws_lb_listener" "http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener_rule" "forward_everything" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 1
  action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"
  }
  condition {
    path_pattern {
      values = ["/*"]
    }
  }
}

resource "aws_alb_listener_rule" "maintenance" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 2
  action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "503"
    }
  }
  condition {
    path_pattern {
      values = ["/maintenance"]
    }
  }
}

# A listener this configuration does not hold: whether it is HTTP cannot be told.
resource "aws_lb_listener_rule" "shared" {
  listener_arn = var.shared_listener_arn
  priority     = 3
  action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"
  }
  condition {
    path_pattern {
      values = ["/shared/*"]
    }
  }
}
