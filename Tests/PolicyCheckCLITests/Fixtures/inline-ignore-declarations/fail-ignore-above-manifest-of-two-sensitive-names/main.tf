variable "bastion_name" {
  type      = string
  sensitive = true
  default   = "bastion-svc"
}
variable "db_name" {
  type      = string
  sensitive = true
  default   = "orders-db"
}
resource "kubectl_manifest" "edge" {
  # policycheck:ignore MMC-NET-001 bastion SSH from anywhere, reviewed in SEC-7
  yaml_body = <<-YAML
    apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: Service
        metadata: {name: "${var.bastion_name}", namespace: default}
        spec: {type: LoadBalancer, ports: [{port: 22}]}
      - apiVersion: v1
        kind: Service
        metadata: {name: "${var.db_name}", namespace: default}
        spec: {type: LoadBalancer, ports: [{port: 5432}]}
  YAML
}
