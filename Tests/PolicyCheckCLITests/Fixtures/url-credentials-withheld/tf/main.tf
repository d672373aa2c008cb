module "a" {
  source = "git::https://deploy:ghp_ModTokenSecret1@github.com/org/mod.git?ref=v1"
}
module "b" {
  source = "https://u:ModHttpSecret2@example.com/mod.zip?sig=ModSigSecret3"
}
module "c" {
  source = "s3::https://s3.amazonaws.com/bucket/mod.zip?aws_access_key_id=AKIAFAKE&aws_access_key_secret=ModS3Secret4"
}
