region = "eu-west-3"
