#!/usr/bin/env python3
"""Deterministic benchmark corpus: Terraform plans shaped like `terraform show -json` output (N files × M resources,
about 10% of resources violating the default policy), native manifests, and key files.

    python3 Benchmarks/generate_corpus.py --out .benchmarks/corpus --plans 1000 --resources 100

The same arguments always produce the same bytes (seeded PRNG, sorted keys, fixed formatting).
"""
import argparse, json, os, random, shutil, subprocess

PROVIDER = "registry.terraform.io/hashicorp/aws"
ACCOUNT = "111122223333"


def key_arn(rng):
    return f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-{rng.getrandbits(16):04x}-{rng.getrandbits(16):04x}-{rng.getrandbits(48):012x}"


def resource(rng, index, violating):
    """One managed resource: (type, name, values, expressions)."""
    kind = index % 6
    name = f"r{index}"
    if kind == 0:
        values = {"identifier": f"db-{index}", "engine": "postgres", "instance_class": "db.r6g.large",
                  "storage_encrypted": not violating, "kms_key_id": None if violating else key_arn(rng),
                  "publicly_accessible": False, "allocated_storage": 100, "tags": {"team": "chat", "env": "prod"}}
        return "aws_db_instance", name, values
    if kind == 1:
        values = {"engine": "aurora-postgresql", "cluster_identifier": f"cluster-{index}",
                  "storage_encrypted": True, "kms_key_id": None if violating else key_arn(rng),
                  "backup_retention_period": 30, "tags": {"team": "chat"}}
        return "aws_rds_cluster", name, values
    if kind == 2:
        values = {"enable_key_rotation": not violating, "multi_region": False, "customer_master_key_spec": "SYMMETRIC_DEFAULT",
                  "deletion_window_in_days": 30, "description": f"key {index}", "is_enabled": True, "key_usage": "ENCRYPT_DECRYPT",
                  "tags": {"team": "chat"}}
        return "aws_kms_key", name, values
    if kind == 3:
        cidr = "0.0.0.0/0" if violating else f"203.0.{index % 256}.0/24"
        values = {"name": f"sg-{index}", "description": "managed", "vpc_id": "vpc-0123456789abcdef0",
                  "ingress": [{"cidr_blocks": [cidr], "ipv6_cidr_blocks": [], "from_port": 22 if violating else 443,
                               "to_port": 22 if violating else 443, "protocol": "tcp", "description": "access",
                               "prefix_list_ids": [], "security_groups": [], "self": False}],
                  "egress": [], "tags": {"team": "chat"}}
        return "aws_security_group", name, values
    if kind == 4:
        values = {"availability_zone": "us-east-1a", "size": 100, "type": "gp3", "encrypted": not violating,
                  "kms_key_id": None if violating else key_arn(rng), "tags": {"team": "chat"}}
        return "aws_ebs_volume", name, values
    values = {"replication_group_id": f"cache-{index}", "description": "cache", "engine": "redis",
              "at_rest_encryption_enabled": not violating, "kms_key_id": None if violating else key_arn(rng),
              "transit_encryption_enabled": True, "num_cache_clusters": 2, "tags": {"team": "chat"}}
    return "aws_elasticache_replication_group", name, values


def expressions(values, index, references):
    """The configuration's expressions: constants, and with `references` the key a data store's kms_key_id names,
    as `terraform show -json` writes a reference (`aws_kms_key.rK.arn`)."""
    result = {k: {"constant_value": v} for k, v in values.items() if not isinstance(v, (dict, list))}
    if references and "kms_key_id" in values:
        key = f"aws_kms_key.r{(index // 6) * 6 + 2}"
        result["kms_key_id"] = {"references": [f"{key}.arn", key]}
    return result


def plan(rng, resources, references=False):
    planned, changes, config = [], [], []
    for index in range(resources):
        violating = rng.random() < 0.10
        kind, name, values = resource(rng, index, violating)
        address = f"{kind}.{name}"
        planned.append({"address": address, "mode": "managed", "type": kind, "name": name, "provider_name": PROVIDER,
                        "schema_version": 0, "values": values, "sensitive_values": {"tags": {}}})
        changes.append({"address": address, "mode": "managed", "type": kind, "name": name, "provider_name": PROVIDER,
                        "change": {"actions": ["create"], "before": None, "after": values,
                                   "after_unknown": {"id": True, "arn": True}, "before_sensitive": False,
                                   "after_sensitive": {"tags": {}}}})
        config.append({"address": address, "mode": "managed", "type": kind, "name": name, "provider_config_key": "aws",
                       "expressions": expressions(values, index, references),
                       "schema_version": 0})
    return {"format_version": "1.2", "terraform_version": "1.9.5",
            "planned_values": {"root_module": {"resources": planned}},
            "resource_changes": changes,
            "configuration": {"provider_config": {"aws": {"name": "aws", "full_name": PROVIDER,
                                                          "expressions": {"region": {"constant_value": "us-east-1"}}}},
                              "root_module": {"resources": config}},
            "timestamp": "2026-11-29T00:00:00Z", "errored": False}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--resources", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--references", action="store_true",
                        help="data stores name their KMS key by a configuration reference, as real plans do")
    parser.add_argument("--keys", type=int, default=0, help="also copy key fixtures N times into keys/")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    plans_dir = os.path.join(args.out, "plans")
    os.makedirs(plans_dir, exist_ok=True)
    for number in range(args.plans):
        with open(os.path.join(plans_dir, f"plan-{number:05d}.json"), "w") as handle:
            # `terraform show -json` prints compact JSON on one line.
            json.dump(plan(rng, args.resources, args.references), handle, separators=(",", ":"))
            handle.write("\n")
    if args.keys:
        here = os.path.dirname(os.path.abspath(__file__))
        fixtures = os.path.join(here, "..", "Tests", "KeyMaterialTests", "Fixtures")
        names = sorted(n for n in os.listdir(fixtures)
                       if n.split("-")[0] in ("rsa2048", "rsa3072", "ec", "ed25519") and ("pkcs" in n or "spki" in n or "sec1" in n)
                       and "inconsistent" not in n and "mismatched" not in n)
        names += ["cert-ec-p256-ca.pem", "cert-rsa3072-leaf-issued-by-ec-ca.pem"]
        keys_dir = os.path.join(args.out, "keys")
        os.makedirs(keys_dir, exist_ok=True)
        for copy in range(args.keys):
            name = names[copy % len(names)]
            stem, ext = os.path.splitext(name)
            shutil.copyfile(os.path.join(fixtures, name), os.path.join(keys_dir, f"{copy:05d}-{stem}{ext}"))


if __name__ == "__main__":
    main()
