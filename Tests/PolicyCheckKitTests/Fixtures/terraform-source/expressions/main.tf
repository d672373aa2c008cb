variable "list" {
  default = ["a", "b", "c"]
}

variable "map" {
  default = { x = 1, y = 2 }
}

variable "unset" {}

locals {
  literal     = "text"
  number      = 1 + 2 * 3 - 4 % 3
  compare     = 3 >= 2 && !(1 == 2) || false
  conditional = length(var.list) > 2 ? "many" : "few"
  template    = "%{ for v in var.list }${v}-%{ endfor }%{ if true }yes%{ else }no%{ endif }"
  heredoc     = <<-EOT
    line one
      line two
    EOT
  tuple       = [for v in var.list : upper(v) if v != "b"]
  object      = { for k, v in var.map : k => v * 10 }
  splat       = [{ id = "p" }, { id = "q" }][*].id
  index       = var.list[1]
  merged      = merge(var.map, { z = 3 })
  joined      = join(",", concat(var.list, ["d"]))
  split       = split("/", "a/b")[1]
  looked      = lookup(var.map, "missing", "fallback")
  tried       = try(var.map.missing, "caught")
  coalesced   = coalesce("", null, "first")
  formatted   = format("%s-%03d", "id", 7)
  encoded     = jsonencode({ b = [1, true], a = "x" })
  decoded     = jsondecode("{\"k\": [1, 2]}").k[1]
  subnet      = cidrsubnet("10.0.0.0/16", 8, 2)
  host        = cidrhost("10.0.2.0/24", 5)
  set         = toset(["b", "a", "b"])
  listed      = tolist(toset(["z", "y"]))
  expanded    = max([3, 9, 4]...)
  unknown     = "prefix-${var.unset}"
  unknown_fn  = timestamp()
  # A whole resource holds attributes computed at apply: encoding it gave a known "null".
  whole       = jsonencode(aws_s3_bucket.logs)
  whole_each  = jsonencode(aws_s3_bucket.each)
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_s3_bucket" "each" {
  for_each = toset(["a"])
  bucket   = each.key
}
