#!/usr/bin/env python3
"""Inputs shaped to find super-linear paths (issue 17, round 13): one construct repeated N times where a reader might
scan, copy or re-resolve per repetition. Each shape was quadratic or worse before round 13; Benchmarks/shapes.sh
times every shape at two or three sizes and prints the growth.

    generate_adversarial.py SHAPE N OUT_DIR

Shapes (N is the count of the repeated construct; for sub-nesting, the depth):
  cfn-sg-rules      one CloudFormation security group with N ingress rules
  cfn-join          one !Join of N parts
  cfn-sub-vars      one !Sub naming N variables
  cfn-sub-nesting   !Sub "${A}${A}" nested N deep (the string doubles per level)
  cfn-arn-string    one property holding N ARNs in one string
  cfn-allowed       a parameter of N AllowedValues referenced N times
  cfn-region-map    a Mappings entry of N regions, looked up by AWS::Region N times
  k8s-ignores       a List of N LoadBalancer Services, each with a policycheck.io/ignore annotation
  tf-toset          a .tf module: a resource with for_each = toset(N names)
  tf-module-calls   a .tf module calling one local module N times
  plan-fan-in       a plan whose key reference passes through 15 aliases, each naming the next N times
  tf-locals-fan-in  a .tf module: a chain of N/10 locals ending at a KMS key, used by N databases
  tf-overrides      a .tf module of N buckets, each overridden in override.tf
  waiver-resources  N LoadBalancer Services open to the world, and N waivers naming them (literal names and
                    prefix globs) in OUT_DIR/waivers.yaml; the input is OUT_DIR/input, the flags OUT_DIR/args
  pack-unknown-ids  a pack extending a parent of N rules that disables N/2 and overrides N/2 ids the parent does not
                    have (half of them one edit from a parent rule, half unlike any): N errors, each with its "did
                    you mean"; the packs are in OUT_DIR, the input OUT_DIR/input, the flags OUT_DIR/args
  exclude-globs     N small files in folders of 100 (not manifests) and one manifest, and a configuration (OUT_DIR/policycheck.yaml, named with
                    --config) excluding N globs that match none of them: literal paths and names, prefix and suffix
                    globs, `**/folder/**`, brackets and `?`
  waiver-infix      N LoadBalancer Services open to the world, and N waivers whose resource glob starts and ends with
                    a wildcard ("*/lb-7-*"), each covering one Service
  waiver-other-rules  N LoadBalancer Services of one name (N files), and N waivers naming that resource for other rules
  waiver-long-names 10 LoadBalancer Services whose names are N bytes long, and a waiver whose glob holds a run of
                    N/10 bytes the names almost match (fnmatch is name length x pattern length)
"""
import json
import os
import sys


def cfn(resources, parameters=None, mappings=None):
    template = {"AWSTemplateFormatVersion": "2010-09-09"}
    if parameters:
        template["Parameters"] = parameters
    if mappings:
        template["Mappings"] = mappings
    template["Resources"] = resources
    return json.dumps(template, indent=1)


def bucket(tags):
    return {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [{"Key": "k", "Value": tags}]}}


def shape(name, n, out):
    if name == "cfn-sg-rules":
        rules = [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": f"10.{i // 256 % 256}.{i % 256}.0/24"}
                 for i in range(n)]
        rules.append({"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"})
        text = cfn({"Group": {"Type": "AWS::EC2::SecurityGroup",
                              "Properties": {"GroupDescription": "g", "SecurityGroupIngress": rules}}})
        return {"template.json": text}
    if name == "cfn-join":
        return {"template.json": cfn({"B": bucket({"Fn::Join": ["-", [f"p{i}" for i in range(n)]]})})}
    if name == "cfn-sub-vars":
        variables = {f"V{i}": str(i) for i in range(n)}
        text = ",".join(f"${{V{i}}}" for i in range(n))
        return {"template.json": cfn({"B": bucket({"Fn::Sub": [text, variables]})})}
    if name == "cfn-sub-nesting":
        value = "x"
        for _ in range(n):
            value = {"Fn::Sub": ["${A}${A}", {"A": value}]}
        return {"template.json": cfn({"B": bucket(value)})}
    if name == "cfn-arn-string":
        arns = ",".join(f"arn:aws:s3:us-east-1:111122223333:bucket-{i}" for i in range(n))
        return {"template.json": cfn({"B": bucket(arns)})}
    if name == "cfn-allowed":
        parameters = {"P": {"Type": "String", "Default": "v0", "AllowedValues": [f"v{i}" for i in range(n)]}}
        resources = {f"B{i}": bucket({"Ref": "P"}) for i in range(n)}
        return {"template.json": cfn(resources, parameters=parameters)}
    if name == "cfn-region-map":
        mappings = {"M": {f"region-{i}": {"K": f"v{i}"} for i in range(n)}}
        lookup = {"Fn::FindInMap": ["M", {"Ref": "AWS::Region"}, "K"]}
        return {"template.json": cfn({f"B{i}": bucket(lookup) for i in range(n)}, mappings=mappings)}
    if name == "k8s-ignores":
        # One `kind: List` (a file may hold at most 10,000 documents).
        lines = ["apiVersion: v1", "kind: List", "items:"]
        for i in range(n):
            lines += ["  - apiVersion: v1", "    kind: Service", "    metadata:", f"      name: lb-{i}",
                      "      namespace: prod", "      annotations:",
                      '        policycheck.io/ignore: "MMC-NET-001 reviewed in SEC-1"', "    spec:",
                      "      type: LoadBalancer", "      loadBalancerSourceRanges:", '        - "0.0.0.0/0"']
        return {"services.yaml": "\n".join(lines) + "\n"}
    if name == "tf-toset":
        names = ", ".join(f'"bucket-{i}"' for i in range(n))
        return {"main.tf": f'locals {{\n  names = [{names}]\n}}\n\nresource "aws_s3_bucket" "b" {{\n'
                           f'  for_each = toset(local.names)\n  bucket   = each.key\n}}\n'}
    if name == "tf-module-calls":
        calls = "".join(f'module "m{i}" {{\n  source = "./child"\n  name   = "b{i}"\n}}\n\n' for i in range(n))
        child = 'variable "name" {}\n\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n'
        return {"main.tf": calls, "child/main.tf": child}
    if name == "plan-fan-in":
        depth = 15
        resources = [{"address": f"aws_kms_alias.a{i}", "mode": "managed", "type": "aws_kms_alias", "name": f"a{i}",
                      "expressions": {"target_key_id": {"references": [f"aws_kms_alias.a{i + 1}.target_key_id"] * n
                                                        if i + 1 < depth else ["aws_kms_alias.missing"]}}}
                     for i in range(depth)]
        resources.append({"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db",
                          "expressions": {"kms_key_id": {"references": ["aws_kms_alias.a0.target_key_id"]}}})
        changes = [{"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db",
                    "change": {"actions": ["create"],
                               "after": {"storage_encrypted": True, "publicly_accessible": False},
                               "after_unknown": {"kms_key_id": True}}}]
        plan = {"format_version": "1.2", "terraform_version": "1.9.0", "resource_changes": changes,
                "configuration": {"root_module": {"resources": resources}}}
        return {"plan.json": json.dumps(plan)}
    if name == "tf-locals-fan-in":
        # The chain is N/10 long (at most 900: longer chains are refused), so both sizes grow with N.
        length = max(2, min(n // 10, 900))
        chain = "".join(f"  l{i} = local.l{i - 1}\n" for i in range(1, length))
        databases = "".join(f'resource "aws_db_instance" "d{i}" {{\n  storage_encrypted = true\n'
                            f'  kms_key_id        = local.l{length - 1}\n}}\n\n' for i in range(n))
        return {"main.tf": 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n\n'
                           f"locals {{\n  l0 = aws_kms_key.k.arn\n{chain}}}\n\n{databases}"}
    if name == "tf-overrides":
        buckets = "".join(f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "main-{i}"\n}}\n\n' for i in range(n))
        overrides = "".join(f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "override-{i}"\n}}\n\n' for i in range(n))
        return {"main.tf": buckets, "override.tf": overrides}
    if name == "waiver-resources":
        services = shape("k8s-ignores", n, out)["services.yaml"]
        services = services.replace('      annotations:\n        policycheck.io/ignore: "MMC-NET-001 reviewed in SEC-1"\n', "")
        waivers = ["apiVersion: policycheck/v1", "kind: Waivers", "waivers:"]
        for i in range(n):
            resource = f"Service/prod/lb-{i}" if i % 2 == 0 else f"Service/prod/lb-{i}*"
            waivers += [f"  - rule: MMC-NET-001", f'    resource: "{resource}"', "    reason: reviewed in SEC-1",
                        "    requestedBy: alice@example.com", "    approvedBy: bob@example.com",
                        "    approvedOn: 2026-01-01", "    expires: 2026-12-31"]
        return {"input/services.yaml": services, "waivers.yaml": "\n".join(waivers) + "\n",
                "args": f"--waivers\n{os.path.join(out, 'waivers.yaml')}\n--now\n2026-06-01T00:00:00Z\n"}
    if name == "pack-unknown-ids":
        rule = "  - {{id: {}, title: Ensure a region, severity: low, select: {{resource: deployment}}, " \
               "assert: {{path: region, exists: true}}}}"
        parent = ["apiVersion: policycheck/v1", "kind: PolicyPack", "metadata: {id: parent, version: 1.0.0, title: parent}",
                  "rules:"] + [rule.format(f"ACME-R-{i:05d}") for i in range(n)]
        # Even entries are one edit from a parent rule (a letter for a digit); odd ones are like no parent rule.
        unknown = [f"ACME-R-{i:04d}X" if i % 2 == 0 else f"OTHER-{i:06d}" for i in range(n)]
        child = ["apiVersion: policycheck/v1", "kind: PolicyPack", "metadata: {id: child, version: 1.0.0, title: child}",
                 "extends: parent.yaml", "disable:"] + [f"  - {u}" for u in unknown[: n // 2]] + ["override:"] \
            + [f"  {u}: {{severity: high}}" for u in unknown[n // 2:]]
        manifest = shape_manifest()
        return {"parent.yaml": "\n".join(parent) + "\n", "child.yaml": "\n".join(child) + "\n",
                "input/deployment.yaml": manifest, "args": f"--policy\n{os.path.join(out, 'child.yaml')}\n"}
    if name == "exclude-globs":
        files = {f"input/d{i // 100}/f-{i}.yaml": "a: 1\n" for i in range(n)}
        files["input/deployment.yaml"] = shape_manifest()
        forms = [lambda i: f"input/d{i // 100}/g-{i}.yaml", lambda i: f"n-{i}.yaml", lambda i: f"input/d{i // 100}/p{i}-*",
                 lambda i: f"*.s{i}.yaml", lambda i: f"**/e{i}/**", lambda i: f"**/x-{i}-[0-9].yaml",
                 lambda i: f"q?-{i}.json"]
        globs = [forms[i % len(forms)](i) for i in range(n)]
        config = ["apiVersion: policycheck/v1", "kind: Config", "exclude:"] + [f'  - "{g}"' for g in globs]
        files["policycheck.yaml"] = "\n".join(config) + "\n"
        files["args"] = f"--config\n{os.path.join(out, 'policycheck.yaml')}\n"
        return files
    if name in ("waiver-infix", "waiver-other-rules", "waiver-long-names"):
        return waiver_shape(name, n, out)
    raise SystemExit(f"unknown shape {name}")


def services(names):
    lines = ["apiVersion: v1", "kind: List", "items:"]
    for service in names:
        lines += ["  - apiVersion: v1", "    kind: Service", "    metadata:", f"      name: {service}",
                  "      namespace: prod", "    spec:", "      type: LoadBalancer", "      loadBalancerSourceRanges:",
                  '        - "0.0.0.0/0"']
    return "\n".join(lines) + "\n"


def waiver_file(entries, out):
    waivers = ["apiVersion: policycheck/v1", "kind: Waivers", "waivers:"]
    for rule, resource in entries:
        waivers += [f"  - rule: {rule}", f'    resource: "{resource}"', "    reason: reviewed in SEC-1",
                    "    requestedBy: alice@example.com", "    approvedBy: bob@example.com",
                    "    approvedOn: 2026-01-01", "    expires: 2026-12-31"]
    return {"waivers.yaml": "\n".join(waivers) + "\n",
            "args": f"--waivers\n{os.path.join(out, 'waivers.yaml')}\n--now\n2026-06-01T00:00:00Z\n"}


def waiver_shape(name, n, out):
    if name == "waiver-infix":
        files = {"input/services.yaml": services(f"lb-{i}-web" for i in range(n))}
        return files | waiver_file([("MMC-NET-001", f"*/lb-{i}-*") for i in range(n)], out)
    if name == "waiver-other-rules":
        # One Service per file (1,000 to a directory), every one named Service/prod/lb; the waivers name it for
        # every other rule of the default pack, so none covers a finding.
        others = [f"MMC-{family}-{k:03}" for family, count in (("ENC", 4), ("KEY", 12), ("KM", 13), ("AVL", 6),
                                                                ("LOG", 5), ("CHG", 4)) for k in range(1, count + 1)]
        files = {f"input/d{i // 1000}/s{i}.yaml": services(["lb"]) for i in range(n)}
        return files | waiver_file([(others[i % len(others)], "Service/prod/lb") for i in range(n)], out)
    if name == "waiver-long-names":
        names = [f"lb-{j}-" + "a" * n for j in range(10)]
        return {"input/services.yaml": services(names)} | waiver_file([("MMC-NET-001", "*" + "a" * (n // 10) + "b*")], out)
    raise SystemExit(f"unknown shape {name}")


def shape_manifest():
    """A compliant-looking manifest small enough to cost nothing beside the shape."""
    return ("apiVersion: policycheck/v1\nkind: Deployment\nmetadata: {name: d, owner: o}\n"
            "spec: {offering: dedicated, region: us-east-1}\n")


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    name, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    for path, text in shape(name, n, out).items():
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
