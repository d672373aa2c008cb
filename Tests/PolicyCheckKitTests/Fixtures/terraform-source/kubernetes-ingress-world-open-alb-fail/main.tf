# An ALB made by the AWS Load Balancer Controller from a Terraform-managed Ingress: internet-facing, with no
# inbound-cidrs (the controller's security group admits 0.0.0.0/0), serving plain HTTP on port 80 with no redirect.
# Expected: MMC-NET-011 (world-open) and MMC-ENC-004 (the HTTP listener forwards plain HTTP).

provider "aws" {
  region = "us-east-1"
}

resource "kubernetes_ingress_v1" "web" {
  metadata {
    name      = "web"
    namespace = "prod"
    annotations = {
      "alb.ingress.kubernetes.io/scheme"      = "internet-facing"
      "alb.ingress.kubernetes.io/target-type" = "ip"
    }
  }

  spec {
    ingress_class_name = "alb"

    rule {
      host = "chat.example.com"
      http {
        path {
          path      = "/"
          path_type = "Prefix"
          backend {
            service {
              name = "web"
              port {
                number = 8065
              }
            }
          }
        }
      }
    }
  }
}
