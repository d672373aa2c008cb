#!/usr/bin/env python3
"""Deterministic inputs shaped like real ones, for the scale series of the benchmark: Terraform plans with the
companion resources every relation the adapter resolves (bucket ↔ encryption configuration / public access block /
ACL / policy, security group ↔ rules, key ↔ alias / replica / key policy, web ACL ↔ IP set, resource ↔ provider
alias, module calls and outputs, `count` instances), written on one line as `terraform show -json` writes them;
CloudFormation templates (JSON and YAML, with `Ref`/`GetAtt` between resources and DB instances in clusters);
Kubernetes manifests (load balancers, ingresses and network policies).

    python3 Benchmarks/generate_shapes.py terraform --out DIR --resources 10000 [--relations bucket,key] [--plans N]
    python3 Benchmarks/generate_shapes.py cloudformation --out DIR --resources 10000 [--yaml]
    python3 Benchmarks/generate_shapes.py kubernetes --out DIR --resources 10000
    python3 Benchmarks/generate_shapes.py allowlist --out DIR --resources 100000   # one list of N entries
    python3 Benchmarks/generate_shapes.py hcl --out DIR --resources 10000  # one module of .tf files

`--resources` counts resources (objects) in one input; a relation's unit (a bucket and its companions, say) is
several resources. About a third of the units violate a rule, which with the default pack gives tens of findings
per 100 resources. The same arguments always give the same bytes.
"""
import argparse, json, os, random

PROVIDER = "registry.terraform.io/hashicorp/aws"
ACCOUNT = "111122223333"
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
RELATIONS = ["bucket", "security_group", "key", "waf", "provider", "module", "count"]


def uuid(rng):
    return f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-{rng.getrandbits(16):04x}-{rng.getrandbits(16):04x}-{rng.getrandbits(48):012x}"


def key_policy(violating):
    principal = "*" if violating else {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Administration", "Effect": "Allow", "Principal": principal, "Action": "kms:*", "Resource": "*"}]})


class Plan:
    """A plan under construction: resources at the root or in modules, their configuration, provider configs."""

    def __init__(self):
        self.changes, self.root_config, self.modules, self.providers = [], [], {}, {}
        self.providers["aws"] = {"name": "aws", "full_name": PROVIDER,
                                 "expressions": {"region": {"constant_value": "us-east-1"}}}

    def add(self, kind, name, values, expressions=None, unknown=None, module=None, key=None, provider="aws",
            configure=True):
        """One resource instance; `expressions` maps attributes to configuration references (or constants)."""
        own = f"{kind}.{name}"
        instance = own + (f"[{key}]" if key is not None else "")
        address = (f"module.{module}." if module else "") + instance
        change = {"address": address, "mode": "managed", "type": kind, "name": name, "provider_name": PROVIDER,
                  "change": {"actions": ["create"], "before": None, "after": values,
                             "after_unknown": dict({"id": True, "arn": True}, **(unknown or {})),
                             "before_sensitive": False, "after_sensitive": {}}}
        if module:
            change["module_address"] = f"module.{module}"
        if key is not None:
            change["index"] = key
        self.changes.append(change)
        if not configure:
            return
        config_expressions = {k: {"constant_value": v} for k, v in values.items() if not isinstance(v, (dict, list))}
        for attribute, references in (expressions or {}).items():
            config_expressions[attribute] = {"references": references}
        block = {"address": own, "mode": "managed", "type": kind, "name": name, "provider_config_key": provider,
                 "expressions": config_expressions, "schema_version": 0}
        if key is not None:
            block["count_expression"] = {"constant_value": 1}
        target = self.modules.setdefault(module, {"resources": [], "outputs": {}, "variables": {}})["resources"] \
            if module else self.root_config
        target.append(block)

    def document(self):
        module_calls = {name: {"source": f"./modules/{name}", "expressions": module["variables"],
                               "module": {"resources": module["resources"], "outputs": module["outputs"]}}
                        for name, module in self.modules.items() if name}
        return {"format_version": "1.2", "terraform_version": "1.9.5",
                "resource_changes": self.changes,
                "configuration": {"provider_config": self.providers,
                                  "root_module": {"resources": self.root_config, "module_calls": module_calls}},
                "timestamp": "2026-11-29T00:00:00Z", "errored": False}


# --- one unit per relation: (resources it adds) --------------------------------------------------------------------

def bucket_unit(plan, rng, i, bad):
    """A bucket and its four companions: encryption and public access block by reference, ACL by bucket name,
    policy by reference. Violations: SSE-S3 instead of a customer key, a partial public access block, a public ACL."""
    name = f"acme-data-{i}"
    plan.add("aws_s3_bucket", f"b{i}", {"bucket": name, "force_destroy": False, "tags": {"team": "chat"}})
    ref = {"bucket": [f"aws_s3_bucket.b{i}.id", f"aws_s3_bucket.b{i}"]}
    algorithm = "AES256" if bad else "aws:kms"
    default = {"sse_algorithm": algorithm, "kms_master_key_id": None if bad else f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{uuid(rng)}"}
    plan.add("aws_s3_bucket_server_side_encryption_configuration", f"b{i}",
             {"bucket": None, "expected_bucket_owner": None,
              "rule": [{"apply_server_side_encryption_by_default": [default], "bucket_key_enabled": True}]},
             expressions=ref, unknown={"bucket": True})
    flags = {flag: not (bad and flag == "restrict_public_buckets")
             for flag in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]}
    plan.add("aws_s3_bucket_public_access_block", f"b{i}", dict(flags, bucket=None), expressions=ref,
             unknown={"bucket": True})
    plan.add("aws_s3_bucket_acl", f"b{i}", {"bucket": name, "acl": "public-read" if bad else "private"})
    plan.add("aws_s3_bucket_policy", f"b{i}", {"bucket": None, "policy": json.dumps({"Version": "2012-10-17", "Statement": []})},
             expressions=ref, unknown={"bucket": True})
    return 5


def security_group_unit(plan, rng, i, bad):
    """A group with inline ingress, and rules attached to it by reference (classic and VPC rule resources)."""
    plan.add("aws_security_group", f"sg{i}", {
        "name": f"sg-{i}", "description": "managed", "vpc_id": "vpc-0123456789abcdef0", "egress": [], "tags": {"team": "chat"},
        "ingress": [{"cidr_blocks": [f"198.18.{i % 256}.0/24", f"198.18.{i % 256}.0/26"] if bad else [f"52.{i % 256}.1.0/24"],
                     "ipv6_cidr_blocks": [], "from_port": 443, "to_port": 443, "protocol": "tcp",
                     "description": "clients", "prefix_list_ids": [], "security_groups": [], "self": False}]})
    group = {"security_group_id": [f"aws_security_group.sg{i}.id", f"aws_security_group.sg{i}"]}
    plan.add("aws_security_group_rule", f"sg{i}_ssh", {
        "type": "ingress", "cidr_blocks": ["0.0.0.0/0" if bad else f"52.{i % 256}.2.0/24"], "from_port": 22,
        "to_port": 22, "protocol": "tcp", "description": "ssh", "security_group_id": None}, expressions=group,
        unknown={"security_group_id": True})
    plan.add("aws_vpc_security_group_ingress_rule", f"sg{i}_https", {
        "cidr_ipv4": f"52.{i % 256}.3.0/24", "from_port": 443, "to_port": 443, "ip_protocol": "tcp",
        "description": "" if bad else "https", "security_group_id": None}, expressions=group,
        unknown={"security_group_id": True})
    return 3


def key_unit(plan, rng, i, bad):
    """A key with its policy, an alias to it, and a database that names the key through the alias."""
    plan.add("aws_kms_key", f"k{i}", {
        "enable_key_rotation": not bad, "multi_region": False, "customer_master_key_spec": "SYMMETRIC_DEFAULT",
        "deletion_window_in_days": 30, "description": f"key {i}", "is_enabled": True, "key_usage": "ENCRYPT_DECRYPT",
        "policy": key_policy(bad), "tags": {"team": "chat"}})
    plan.add("aws_kms_alias", f"k{i}", {"name": f"alias/data-{i}", "target_key_id": None},
             expressions={"target_key_id": [f"aws_kms_key.k{i}.key_id", f"aws_kms_key.k{i}"]},
             unknown={"target_key_id": True})
    plan.add("aws_db_instance", f"db{i}", {
        "identifier": f"db-{i}", "engine": "postgres", "instance_class": "db.r6g.large", "storage_encrypted": True,
        "kms_key_id": None, "publicly_accessible": bad, "allocated_storage": 100, "tags": {"team": "chat"}},
        expressions={"kms_key_id": [f"aws_kms_alias.k{i}.target_key_arn", f"aws_kms_alias.k{i}"]},
        unknown={"kms_key_id": True})
    return 3


def waf_unit(plan, rng, i, bad):
    """An IP set and the web ACL whose allow rule uses it by reference."""
    plan.add("aws_wafv2_ip_set", f"ips{i}", {
        "name": f"ips-{i}", "scope": "REGIONAL", "ip_address_version": "IPV4",
        "addresses": ["0.0.0.0/0"] if bad else [f"52.{i % 256}.4.0/24", f"52.{i % 256}.5.0/24"]})
    rule = {"name": "allow-office", "priority": 1, "action": [{"allow": [{}], "block": [], "count": []}],
            "statement": [{"ip_set_reference_statement": [{"arn": None}]}]}
    plan.add("aws_wafv2_web_acl", f"acl{i}", {"name": f"acl-{i}", "scope": "REGIONAL", "rule": [rule]},
             unknown={"rule": [{"statement": [{"ip_set_reference_statement": [{"arn": True}]}]}]})
    # The rule's configuration: its action block and the reference to the set.
    plan.root_config[-1]["expressions"]["rule"] = [{
        "action": [{"allow": [{}]}],
        "statement": [{"ip_set_reference_statement": [{"arn": {"references": [f"aws_wafv2_ip_set.ips{i}.arn", f"aws_wafv2_ip_set.ips{i}"]}}]}]}]
    return 2


def provider_unit(plan, rng, i, bad):
    """A provider alias per unit (many aliases in one plan), a replica key created through it, and a volume."""
    alias = f"r{i}"
    region = "eu-west-1" if bad else REGIONS[i % 2]
    plan.providers[f"aws.{alias}"] = {"name": "aws", "full_name": PROVIDER, "alias": alias,
                                      "expressions": {"region": {"constant_value": region}}}
    plan.add("aws_kms_key", f"pk{i}", {"enable_key_rotation": True, "multi_region": True, "description": f"primary {i}",
                                       "customer_master_key_spec": "SYMMETRIC_DEFAULT", "is_enabled": True})
    plan.add("aws_kms_replica_key", f"pk{i}", {"primary_key_arn": None, "description": f"replica {i}"},
             expressions={"primary_key_arn": [f"aws_kms_key.pk{i}.arn", f"aws_kms_key.pk{i}"]},
             unknown={"primary_key_arn": True}, provider=f"aws.{alias}")
    plan.add("aws_ebs_volume", f"pv{i}", {"availability_zone": f"{region}a", "size": 50, "type": "gp3",
                                          "encrypted": True, "kms_key_id": None},
             expressions={"kms_key_id": [f"aws_kms_replica_key.pk{i}.arn", f"aws_kms_replica_key.pk{i}"]},
             unknown={"kms_key_id": True}, provider=f"aws.{alias}")
    return 3


def module_unit(plan, rng, i, bad):
    """Two module calls: one holds a key and exports its ARN as an output, the other a database given that output
    as a variable; and a root cache that names the key through the first module's output."""
    keys, data = f"keys{i}", f"data{i}"
    plan.add("aws_kms_key", "this", {"enable_key_rotation": not bad, "description": f"module key {i}",
                                     "customer_master_key_spec": "SYMMETRIC_DEFAULT", "is_enabled": True}, module=keys)
    plan.modules[keys]["outputs"]["key_arn"] = {"expression": {"references": ["aws_kms_key.this.arn", "aws_kms_key.this"]}}
    plan.add("aws_rds_cluster", "this", {"engine": "aurora-postgresql", "cluster_identifier": f"cluster-{i}",
                                         "storage_encrypted": not bad, "kms_key_id": None, "backup_retention_period": 7},
             expressions={"kms_key_id": ["var.kms_key_arn"]}, unknown={"kms_key_id": True}, module=data)
    plan.modules[data]["variables"]["kms_key_arn"] = {"references": [f"module.{keys}.key_arn", f"module.{keys}"]}
    plan.add("aws_elasticache_replication_group", f"cache{i}", {
        "replication_group_id": f"cache-{i}", "description": "cache", "engine": "redis",
        "at_rest_encryption_enabled": True, "kms_key_id": None, "transit_encryption_enabled": True,
        "num_cache_clusters": 2}, expressions={"kms_key_id": [f"module.{keys}.key_arn", f"module.{keys}"]},
        unknown={"kms_key_id": True})
    return 3


def count_unit(plan, rng, i, bad, state):
    """Instances of `count` blocks: a key block and a volume block of many instances each, every volume naming the
    key instance with its own index (`aws_kms_key.shared[count.index]`)."""
    index = state.setdefault("count", 0)
    state["count"] = index + 1
    plan.add("aws_kms_key", "shared", {"enable_key_rotation": not bad, "description": f"shared {index}",
                                       "customer_master_key_spec": "SYMMETRIC_DEFAULT", "is_enabled": True},
             key=index, configure=index == 0)
    plan.add("aws_ebs_volume", "data", {"availability_zone": "us-east-1a", "size": 20, "type": "gp3",
                                        "encrypted": not bad, "kms_key_id": None},
             expressions={"kms_key_id": ["aws_kms_key.shared"]}, unknown={"kms_key_id": True},
             key=index, configure=index == 0)
    return 2


UNITS = {"bucket": bucket_unit, "security_group": security_group_unit, "key": key_unit, "waf": waf_unit,
         "provider": provider_unit, "module": module_unit, "count": count_unit}


def terraform_plan(rng, resources, relations, violating):
    plan, state, count, unit = Plan(), {}, 0, 0
    while count < resources:
        relation = relations[unit % len(relations)]
        bad = rng.random() < violating
        function = UNITS[relation]
        count += function(plan, rng, unit, bad, state) if relation == "count" else function(plan, rng, unit, bad)
        unit += 1
    return plan.document()


# --- CloudFormation -----------------------------------------------------------------------------------------------

def cloudformation_template(rng, resources, violating):
    """Units of a key, a cluster with an instance in it (by `Ref`), a bucket encrypted with the key (`GetAtt`),
    a security group, and a volume naming a key ARN in another region."""
    out, count, i = {}, 0, 0
    while count < resources:
        bad = rng.random() < violating
        out[f"Key{i}"] = {"Type": "AWS::KMS::Key", "Properties": {
            "Description": f"key {i}", "EnableKeyRotation": not bad,
            "KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Sid": "Admin", "Effect": "Allow",
                                                                  "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                                                                  "Action": "kms:*", "Resource": "*"}]}}}
        out[f"Cluster{i}"] = {"Type": "AWS::RDS::DBCluster", "Properties": {
            "Engine": "aurora-postgresql", "DBClusterIdentifier": f"cluster-{i}", "StorageEncrypted": not bad,
            "KmsKeyId": {"Fn::GetAtt": [f"Key{i}", "Arn"]}}}
        out[f"Instance{i}"] = {"Type": "AWS::RDS::DBInstance", "Properties": {
            "Engine": "aurora-postgresql", "DBInstanceClass": "db.r6g.large", "PubliclyAccessible": bad,
            "DBClusterIdentifier": {"Ref": f"Cluster{i}"} if i % 2 else f"cluster-{i}"}}
        out[f"Bucket{i}"] = {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {
            "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {
                "SSEAlgorithm": "AES256" if bad else "aws:kms", "KMSMasterKeyID": {"Fn::GetAtt": [f"Key{i}", "Arn"]}}}]}}}
        out[f"Group{i}"] = {"Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupDescription": "clients", "VpcId": "vpc-0123456789abcdef0",
            "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22 if bad else 443, "ToPort": 22 if bad else 443,
                                      "CidrIp": "0.0.0.0/0" if bad else f"52.{i % 256}.1.0/24", "Description": "clients"}]}}
        region = "eu-west-1" if bad else "us-east-1"
        out[f"Volume{i}"] = {"Type": "AWS::EC2::Volume", "Properties": {
            "AvailabilityZone": "us-east-1a", "Size": 20, "Encrypted": True,
            "KmsKeyId": f"arn:aws:kms:{region}:{ACCOUNT}:key/{uuid(rng)}"}}
        count += 6
        i += 1
    return {"AWSTemplateFormatVersion": "2010-09-09", "Description": "generated", "Resources": out}


def yaml_scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value)


def to_yaml(value, indent=0):
    """Block-style YAML with short-form tags for `Ref` and `Fn::GetAtt`, as templates are written by hand."""
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict) and list(item) == ["Ref"]:
                lines.append(f"{pad}{key}: !Ref {item['Ref']}")
            elif isinstance(item, dict) and list(item) == ["Fn::GetAtt"]:
                lines.append(f"{pad}{key}: !GetAtt {'.'.join(item['Fn::GetAtt'])}")
            elif isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:")
                lines.extend(to_yaml(item, indent + 2))
            else:
                lines.append(f"{pad}{key}: {yaml_scalar(item) if not isinstance(item, (dict, list)) else json.dumps(item)}")
    else:
        for item in value:
            if isinstance(item, (dict, list)):
                nested = to_yaml(item, indent + 2)
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines.extend(nested[1:])
            else:
                lines.append(f"{pad}- {yaml_scalar(item)}")
    return lines


# --- Kubernetes ---------------------------------------------------------------------------------------------------

def kubernetes_objects(rng, resources, violating):
    """Load-balancer services with source ranges, ingresses with an allowlist annotation, network policies with
    ipBlocks, and deployments their selectors match."""
    docs, i = [], 0
    while len(docs) < resources:
        bad = rng.random() < violating
        labels = {"app": f"app-{i}"}
        docs.append({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": f"app-{i}", "namespace": "prod", "labels": labels},
                     "spec": {"replicas": 2, "selector": {"matchLabels": labels},
                              "template": {"metadata": {"labels": labels}, "spec": {"containers": [{"name": "app", "image": "mattermost:10"}]}}}})
        docs.append({"apiVersion": "v1", "kind": "Service", "metadata": {"name": f"lb-{i}", "namespace": "prod"},
                     "spec": {"type": "LoadBalancer", "selector": labels, "ports": [{"port": 443, "targetPort": 8065}],
                              "loadBalancerSourceRanges": ["0.0.0.0/0"] if bad else [f"52.{i % 256}.1.0/24", f"52.{i % 256}.2.0/24"]}})
        docs.append({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                     "metadata": {"name": f"web-{i}", "namespace": "prod", "annotations": {
                         "nginx.ingress.kubernetes.io/allowlist-source-range": "10.20.0.0/16, 52.1.2.3/24" if bad else f"52.{i % 256}.3.0/24"}},
                     "spec": {"ingressClassName": "nginx", "rules": [{"host": f"h{i}.example.com"}]}})
        docs.append({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                     "metadata": {"name": f"np-{i}", "namespace": "prod"},
                     "spec": {"podSelector": {"matchLabels": labels}, "policyTypes": ["Ingress"],
                              "ingress": [{"from": [{"ipBlock": {"cidr": f"52.{i % 256}.4.0/24"}}]}]}})
        i += 1
    return docs


# --- one allowlist of many entries --------------------------------------------------------------------------------

def allowlist_plan(rng, entries):
    """One security group whose ingress rule lists `entries` CIDR blocks: /24s spread over many /16s, every 50th a
    /16 that contains the /24s below it, and every 100th a duplicate (so the redundant-entries rule has work)."""
    blocks = []
    for index in range(entries):
        if index % 100 == 99:
            blocks.append(blocks[rng.randrange(len(blocks))])
        elif index % 50 == 49:
            blocks.append(f"{52 + index // 65536 % 100}.{index // 256 % 256}.0.0/16")
        else:
            blocks.append(f"{52 + index // 65536 % 100}.{index // 256 % 256}.{index % 256}.0/24")
    plan = Plan()
    plan.add("aws_security_group", "wide", {
        "name": "wide", "description": "partners", "vpc_id": "vpc-0123456789abcdef0", "egress": [],
        "ingress": [{"cidr_blocks": blocks, "ipv6_cidr_blocks": [], "from_port": 443, "to_port": 443,
                     "protocol": "tcp", "description": "partners", "prefix_list_ids": [], "security_groups": [],
                     "self": False}]})
    return plan.document()


# --- Terraform source: one module of .tf files ----------------------------------------------------------------------

def hcl_bucket(i, bad):
    algorithm = '"AES256"' if bad else '"aws:kms"'
    key = "" if bad else f"\n      kms_master_key_id = aws_kms_key.k{i}.arn"
    return (f'resource "aws_kms_key" "k{i}" {{\n'
            f'  description             = "bucket {i}"\n'
            f'  enable_key_rotation     = {"false" if bad else "true"}\n'
            f'  deletion_window_in_days = 30\n'
            f'  tags                    = merge(local.tags, {{ name = "k{i}" }})\n}}\n\n'
            f'resource "aws_s3_bucket" "b{i}" {{\n'
            f'  bucket = "data-{i:06d}-${{var.environment}}"\n'
            f'  tags   = local.tags\n}}\n\n'
            f'resource "aws_s3_bucket_server_side_encryption_configuration" "b{i}" {{\n'
            f'  bucket = aws_s3_bucket.b{i}.id\n'
            f'  rule {{\n    apply_server_side_encryption_by_default {{\n'
            f'      sse_algorithm = {algorithm}{key}\n    }}\n  }}\n}}\n\n'
            f'resource "aws_s3_bucket_public_access_block" "b{i}" {{\n'
            f'  bucket                  = aws_s3_bucket.b{i}.id\n'
            f'  block_public_acls       = true\n'
            f'  block_public_policy     = true\n'
            f'  ignore_public_acls      = true\n'
            f'  restrict_public_buckets = {"false" if bad else "true"}\n}}\n'), 4


def hcl_security_group(i, bad):
    cidr = '"0.0.0.0/0"' if bad else "var.admin_cidrs[0]"
    return (f'resource "aws_security_group" "sg{i}" {{\n'
            f'  name        = "sg-{i}"\n'
            f'  description = "web {i}"\n'
            f'  vpc_id      = "vpc-0123456789abcdef0"\n'
            f'  tags        = local.tags\n}}\n\n'
            f'resource "aws_vpc_security_group_ingress_rule" "sg{i}" {{\n'
            f'  for_each          = {{ https = 443, admin = 8443 }}\n'
            f'  security_group_id = aws_security_group.sg{i}.id\n'
            f'  description       = "${{each.key}} from the office"\n'
            f'  cidr_ipv4         = {cidr}\n'
            f'  from_port         = each.value\n'
            f'  to_port           = each.value\n'
            f'  ip_protocol       = "tcp"\n}}\n'), 3


def hcl_database(i, bad):
    return (f'resource "aws_db_instance" "db{i}" {{\n'
            f'  identifier              = "db-{i}"\n'
            f'  engine                  = "postgres"\n'
            f'  instance_class          = "db.r6g.large"\n'
            f'  allocated_storage       = 100\n'
            f'  storage_encrypted       = {"false" if bad else "true"}\n'
            f'  kms_key_id              = {"null" if bad else f"aws_kms_key.dbk{i}.arn"}\n'
            f'  publicly_accessible     = {"true" if bad else "false"}\n'
            f'  multi_az                = true\n'
            f'  backup_retention_period = 14\n'
            f'  tags                    = local.tags\n}}\n\n'
            f'resource "aws_kms_key" "dbk{i}" {{\n'
            f'  description         = "database {i}"\n'
            f'  enable_key_rotation = true\n}}\n'), 2


def hcl_module(rng, resources, violating, units_per_file=60):
    """A root module of `resources` resources in files of `units_per_file` units each, shaped like real
    configurations: variables with defaults, locals merged into tags, buckets with their encryption configuration
    and public access block (references to the bucket and to a KMS key), security groups with `for_each` rules, and
    databases naming their key by reference. Returns {file name: text}."""
    files = {"variables.tf": 'variable "region" {\n  default = "us-east-1"\n}\n\nvariable "environment" {\n'
                             '  type    = string\n  default = "prod"\n}\n\nvariable "admin_cidrs" {\n'
                             '  type    = list(string)\n  default = ["10.20.0.0/16", "10.30.0.0/16"]\n}\n',
             "providers.tf": 'provider "aws" {\n  region = var.region\n}\n\nlocals {\n  tags = {\n'
                             '    environment = var.environment\n    owner       = "platform"\n  }\n}\n'}
    units, count = [], 0
    writers = [hcl_bucket, hcl_security_group, hcl_database]
    while count < resources:
        index = len(units)
        text, made = writers[index % 3](index, rng.random() < violating)
        units.append(text)
        count += made
    for start in range(0, len(units), units_per_file):
        files[f"main-{start // units_per_file:04d}.tf"] = "\n".join(units[start:start + units_per_file])
    return files


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["terraform", "cloudformation", "kubernetes", "allowlist", "hcl"])
    parser.add_argument("--out", required=True)
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--plans", type=int, default=1, help="inputs to write (terraform)")
    parser.add_argument("--relations", default=",".join(RELATIONS), help="terraform units, comma-separated")
    parser.add_argument("--violating", type=float, default=0.35, help="share of units that violate a rule")
    parser.add_argument("--yaml", action="store_true", help="CloudFormation as YAML with short-form tags")
    parser.add_argument("--seed", type=int, default=20261203)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    if args.kind == "terraform":
        relations = args.relations.split(",")
        for name in relations:
            if name not in UNITS:
                parser.error(f"unknown relation '{name}'; expected some of {', '.join(RELATIONS)}")
        for number in range(args.plans):
            with open(os.path.join(args.out, f"plan-{number:05d}.json"), "w") as handle:
                # `terraform show -json` prints compact JSON on one line.
                json.dump(terraform_plan(rng, args.resources, relations, args.violating), handle, separators=(",", ":"))
                handle.write("\n")
    elif args.kind == "hcl":
        for name, text in hcl_module(rng, args.resources, args.violating).items():
            with open(os.path.join(args.out, name), "w") as handle:
                handle.write(text)
    elif args.kind == "allowlist":
        with open(os.path.join(args.out, "allowlist.json"), "w") as handle:
            json.dump(allowlist_plan(rng, args.resources), handle, separators=(",", ":"))
            handle.write("\n")
    elif args.kind == "cloudformation":
        template = cloudformation_template(rng, args.resources, args.violating)
        if args.yaml:
            with open(os.path.join(args.out, "template.yaml"), "w") as handle:
                handle.write("\n".join(to_yaml(template)) + "\n")
        else:
            with open(os.path.join(args.out, "template.json"), "w") as handle:
                json.dump(template, handle, indent=1)
                handle.write("\n")
    else:
        objects = kubernetes_objects(rng, args.resources, args.violating)
        with open(os.path.join(args.out, "objects.yaml"), "w") as handle:
            if len(objects) <= 10000:
                for document in objects:
                    handle.write("---\n" + "\n".join(to_yaml(document)) + "\n")
            else:
                # policycheck reads at most 10,000 YAML documents per file: larger sets as one `kind: List`.
                handle.write("\n".join(to_yaml({"apiVersion": "v1", "kind": "List", "items": objects})) + "\n")


if __name__ == "__main__":
    main()
