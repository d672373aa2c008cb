provider "aws" {
  region = "us-east-1"
}

# A database port open to the internet, written as the whole object.
resource "kubernetes_manifest" "db" {
  manifest = {
    apiVersion = "v1"
    kind       = "Service"
    metadata = {
      name      = "db"
      namespace = "prod"
    }
    spec = {
      type = "LoadBalancer"
      ports = [{
        name = "postgres"
        port = 5432
      }]
    }
  }
}

# The same as YAML text, read from a file of the module.
resource "kubectl_manifest" "search" {
  yaml_body = file("${path.module}/manifests/search.yaml")
}

# And in a heredoc.
resource "kubectl_manifest" "cache" {
  yaml_body = <<-YAML
    apiVersion: v1
    kind: Service
    metadata:
      name: cache
    spec:
      type: LoadBalancer
      loadBalancerSourceRanges: ["0.0.0.0/0"]
      ports:
        - port: 6379
  YAML
}
