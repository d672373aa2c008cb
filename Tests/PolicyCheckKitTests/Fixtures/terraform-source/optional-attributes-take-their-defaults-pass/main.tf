# A variable's object type with optional() attributes (as terraform-aws-s3-bucket's modules/vectors declares its
# indexes): an attribute the value leaves out takes the type's default, or null.
variable "indexes" {
  type = map(object({
    dimension       = number
    data_type       = optional(string, "float32")
    distance_metric = optional(string)
    tags            = optional(map(string), {})
  }))
  default = {
    small = { dimension = "128" }
    large = { dimension = 1024, data_type = "float16", distance_metric = "cosine" }
  }
}

resource "aws_s3vectors_index" "this" {
  for_each = var.indexes

  index_name      = each.key
  dimension       = each.value.dimension
  data_type       = each.value.data_type
  distance_metric = coalesce(each.value.distance_metric, "euclidean")
  tags            = each.value.tags
}
