#!/usr/bin/env python3
"""Inputs shaped to find super-linear paths (issue 17, rounds 13 and 26): one construct repeated N times where a reader might
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
  ingress-group-one one IngressGroup of N Ingresses (10 to a file), each giving `inbound-cidrs` on a port of its own,
                    the first internet-facing (round 26)
  ingress-groups    N Ingresses (10 to a file), each the one member of a group of its own, internet-facing
  tf-kubectl-yaml   a .tf module: N/2 kubectl_manifest heredocs and N/2 kubernetes_manifest = yamldecode(file(...)) of
                    N/2 YAML files, each a LoadBalancer Service open to the world
  tf-yaml-aliases   a .tf module: one kubectl_manifest Service whose N ports are N/10 anchored ones and their aliases
  k8s-yaml-aliases  the same Service as a Kubernetes manifest
  pem-bundle        one CA bundle of N self-signed certificates (each of its own Ed25519 key), and N/10 of their private
                    keys in a second file
  tf-bucket-companions  a .tf module: N buckets, each with two aws_s3_bucket_policy, two aws_s3_bucket_versioning and
                    two aws_s3_bucket_public_access_block
  tf-one-bucket-policies  a .tf module: one bucket and N aws_s3_bucket_policy for it
  tf-policy-documents  a .tf module: a bucket policy from one aws_iam_policy_document of N statements merging N/5
                    source documents and N/5 override documents (5 statements each, Sids shared with the main one)
  karpenter         N Karpenter EC2NodeClass objects (1,000 to a file), each with two block device mappings
  tf-workspaces     a .tf module: N aws_workspaces_workspace under one KMS key
  tf-sg-rules       a .tf module: one security group, N aws_vpc_security_group_ingress_rule and N
                    aws_security_group_rule naming it
  broken-links      N broken symbolic links (100 to a folder) beside one manifest
  plan-bucket-companions  a plan of N buckets, each with two aws_s3_bucket_policy and two aws_s3_bucket_versioning
  cfn-bucket-policies  a CloudFormation template of N buckets, each with two AWS::S3::BucketPolicy
  plan-sg-rules     a plan of one security group and N aws_vpc_security_group_ingress_rule referring to it
  ingress-group-classes  one IngressGroup of N Ingresses (10 to a file), each of a class of its own, the N classes
                    (the controller's) in files of 1,000
  ingress-group-own-classes  the same, each file defining the classes of its own ten Ingresses
  cfn-sg-port-ranges  one security group of N tcp rules, rule i from port i to 65535, on 0.0.0.0/1, 0.0.0.0/2 and
                    64.0.0.0/2 in turn: blocks that add up to more than the space on every port without covering it
  pem-headers       one .pem file of N "-----BEGIN X-----" lines and one END line (a key scan that searched for an END
                    line from each header was quadratic)
  cfn-noecho-loop   a NoEcho CommaDelimitedList of N CIDRs sharing their first bytes, and an Fn::ForEach over it
                    making N ingress rules without descriptions: N findings, each message, resource and path looked
                    through for N secrets (a place was tried against every value of its prefix)
  cfn-loops-within  N security groups, each writing its ingress through an Fn::ForEach inside its properties
  pattern-long-text an allowlist entry whose description is N capital letters, and a pack rule asking it to match
                    "[A-Z]+-[0-9]+" (no match anywhere: the worst case for a backtracking search); the pack is in
                    OUT_DIR, the input OUT_DIR/input, the flags OUT_DIR/args
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
    if name in ROUND_26:
        return ROUND_26[name](n, out)
    if name in ROUND_37:
        return ROUND_37[name](n, out)
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


class Link(str):
    """A symbolic link to this target, written as such by `main`."""


def ingress(name, group, port, cidrs=None, scheme=None):
    text = (f"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  namespace: prod\n"
            f"  annotations:\n    alb.ingress.kubernetes.io/group.name: {group}\n")
    if scheme:
        text += f"    alb.ingress.kubernetes.io/scheme: {scheme}\n"
    if cidrs:
        text += f"    alb.ingress.kubernetes.io/inbound-cidrs: {cidrs}\n"
    text += (f"    alb.ingress.kubernetes.io/listen-ports: '[{{\"HTTP\": {port}}}]'\n"
             f"spec:\n  ingressClassName: alb\n  defaultBackend:\n    service:\n      name: {name}\n"
             f"      port:\n        number: 80\n")
    return text


def ingress_files(members):
    """Ten Ingresses to a file."""
    return {f"d{i // 10000}/ingress-{i // 10}.yaml": "---\n".join(members[i:i + 10]) for i in range(0, len(members), 10)}


def ingress_group_one(n, out):
    # Even members give CIDRs on a port of their own, odd ones nothing (open on theirs once the group is public).
    return ingress_files([ingress(f"web-{i}", "shared", 1024 + i % 60000, cidrs="10.0.0.0/8" if i % 2 == 0 else None,
                                  scheme="internet-facing" if i == 0 else None) for i in range(n)])


def ingress_groups(n, out):
    return ingress_files([ingress(f"web-{i}", f"group-{i}", 80, scheme="internet-facing") for i in range(n)])


def open_service_yaml(name, indent=""):
    lines = ["apiVersion: v1", "kind: Service", "metadata:", f"  name: {name}", "  namespace: prod", "spec:",
             "  type: LoadBalancer", '  loadBalancerSourceRanges: ["0.0.0.0/0"]', "  ports:", "    - port: 5432"]
    return "".join(f"{indent}{line}\n" for line in lines)


def tf_kubectl_yaml(n, out):
    half = n // 2
    blocks = [f'resource "kubectl_manifest" "h{i}" {{\n  yaml_body = <<-YAML\n{open_service_yaml(f"h-{i}", "    ")}'
              f'  YAML\n}}\n' for i in range(half)]
    blocks += [f'resource "kubernetes_manifest" "f{i}" {{\n'
               f'  manifest = yamldecode(file("${{path.module}}/manifests/f{i}.yaml"))\n}}\n' for i in range(half)]
    files = {f"manifests/f{i}.yaml": open_service_yaml(f"f-{i}") for i in range(half)}
    files["main.tf"] = "\n".join(blocks)
    return files


def aliased_service(n):
    anchors = max(1, n // 10)
    ports = [f"    - &p{i} {{port: {1024 + i}, protocol: TCP}}\n" for i in range(anchors)]
    ports += [f"    - *p{i % anchors}\n" for i in range(n - anchors)]
    return ("apiVersion: v1\nkind: Service\nmetadata:\n  name: aliased\n  namespace: prod\nspec:\n"
            '  type: LoadBalancer\n  loadBalancerSourceRanges: ["0.0.0.0/0"]\n  ports:\n' + "".join(ports))


def tf_yaml_aliases(n, out):
    body = "".join(f"    {line}\n" for line in aliased_service(n).splitlines())
    return {"main.tf": f'resource "kubectl_manifest" "aliased" {{\n  yaml_body = <<-YAML\n{body}  YAML\n}}\n'}


def k8s_yaml_aliases(n, out):
    return {"service.yaml": aliased_service(n)}


def pem_bundle(n, out):
    # Imported here: only this shape needs the `cryptography` package.
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    from cryptography.x509.oid import NameOID
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    certificates, keys = [], []
    for i in range(n):
        # Ed25519: keys from a seed and signatures without randomness, so the same N gives the same bytes.
        key = ed25519.Ed25519PrivateKey.from_private_bytes(i.to_bytes(32, "big"))
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"ca-{i}")])
        certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                       .serial_number(i + 1).not_valid_before(start)
                       .not_valid_after(start + datetime.timedelta(days=3650)).sign(key, None))
        certificates.append(certificate.public_bytes(serialization.Encoding.PEM).decode())
        if i % 10 == 0:
            keys.append(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()).decode())
    return {"ca-bundle.pem": "".join(certificates), "keys.pem": "".join(keys)}


def tf_bucket_companions(n, out):
    blocks = []
    for i in range(n):
        blocks.append(f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "bucket-{i}"\n}}\n')
        for copy in range(2):
            effect = "Deny" if copy == 0 else "Allow"
            blocks.append(f'resource "aws_s3_bucket_policy" "p{i}_{copy}" {{\n  bucket = aws_s3_bucket.b{i}.id\n'
                          f'  policy = jsonencode({{ Version = "2012-10-17", Statement = [{{ Effect = "{effect}", '
                          f'Principal = "*", Action = "s3:*", Resource = ["${{aws_s3_bucket.b{i}.arn}}/*"], '
                          f'Condition = {{ Bool = {{ "aws:SecureTransport" = "false" }} }} }}] }})\n}}\n')
            status = "Enabled" if copy == 0 else "Suspended"
            blocks.append(f'resource "aws_s3_bucket_versioning" "v{i}_{copy}" {{\n  bucket = aws_s3_bucket.b{i}.id\n'
                          f'  versioning_configuration {{\n    status = "{status}"\n  }}\n}}\n')
            flag = "true" if copy == 0 else "false"
            blocks.append(f'resource "aws_s3_bucket_public_access_block" "a{i}_{copy}" {{\n'
                          f'  bucket = aws_s3_bucket.b{i}.id\n  block_public_acls = true\n  block_public_policy = true\n'
                          f'  ignore_public_acls = true\n  restrict_public_buckets = {flag}\n}}\n')
    return {"main.tf": "\n".join(blocks)}


def tf_one_bucket_policies(n, out):
    blocks = ['resource "aws_s3_bucket" "b" {\n  bucket = "bucket"\n}\n']
    blocks += [f'resource "aws_s3_bucket_policy" "p{i}" {{\n  bucket = aws_s3_bucket.b.id\n'
               f'  policy = jsonencode({{ Version = "2012-10-17", Statement = [{{ Sid = "s{i}", Effect = "Deny", '
               f'Principal = "*", Action = "s3:*", Resource = ["${{aws_s3_bucket.b.arn}}/*"], '
               f'Condition = {{ Bool = {{ "aws:SecureTransport" = "false" }} }} }}] }})\n}}\n' for i in range(n)]
    return {"main.tf": "\n".join(blocks)}


def statement(sid, effect="Allow"):
    return (f'  statement {{\n    sid     = "{sid}"\n    effect  = "{effect}"\n    actions = ["s3:GetObject"]\n'
            f'    resources = ["arn:aws:s3:::bucket/*"]\n    principals {{\n      type        = "AWS"\n'
            f'      identifiers = ["arn:aws:iam::111122223333:root"]\n    }}\n  }}\n')


def tf_policy_documents(n, out):
    documents = max(1, n // 25)
    blocks = ['resource "aws_s3_bucket" "b" {\n  bucket = "bucket"\n}\n']
    for kind in ("source", "override"):
        for d in range(documents):
            body = "".join(statement(f"S{(d * 5 + k) % n}") for k in range(5))
            blocks.append(f'data "aws_iam_policy_document" "{kind}{d}" {{\n{body}}}\n')
    sources = ", ".join(f"data.aws_iam_policy_document.source{d}.json" for d in range(documents))
    overrides = ", ".join(f"data.aws_iam_policy_document.override{d}.json" for d in range(documents))
    body = "".join(statement(f"S{i}") for i in range(n))
    blocks.append(f'data "aws_iam_policy_document" "main" {{\n  source_policy_documents   = [{sources}]\n'
                  f'  override_policy_documents = [{overrides}]\n{body}}}\n')
    blocks.append('resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n'
                  '  policy = data.aws_iam_policy_document.main.json\n}\n')
    return {"main.tf": "\n".join(blocks)}


def karpenter(n, out):
    documents = [f"apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: nodes-{i}\nspec:\n"
                 f"  amiSelectorTerms:\n    - alias: al2023@latest\n  role: KarpenterNodeRole\n"
                 f"  blockDeviceMappings:\n    - deviceName: /dev/xvda\n      ebs: {{volumeSize: 100Gi, encrypted: true}}\n"
                 f"    - deviceName: /dev/xvdb\n      ebs: {{volumeSize: 100Gi}}\n" for i in range(n)]
    return {f"nodes-{i // 1000}.yaml": "---\n".join(documents[i:i + 1000]) for i in range(0, n, 1000)}


def tf_workspaces(n, out):
    blocks = ['resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n']
    blocks += [f'resource "aws_workspaces_workspace" "w{i}" {{\n  directory_id = "d-0123456789"\n'
               f'  bundle_id    = "wsb-0123456789"\n  user_name    = "user-{i}"\n'
               f'  root_volume_encryption_enabled = true\n  user_volume_encryption_enabled = {"true" if i % 2 else "false"}\n'
               f'  volume_encryption_key          = aws_kms_key.k.arn\n}}\n' for i in range(n)]
    return {"main.tf": "\n".join(blocks)}


def tf_sg_rules(n, out):
    blocks = ['resource "aws_security_group" "g" {\n  name = "g"\n}\n']
    for i in range(n):
        cidr = "0.0.0.0/0" if i % 100 == 0 else f"10.{i // 256 % 256}.{i % 256}.0/24"
        port = 1024 + i % 60000
        blocks.append(f'resource "aws_vpc_security_group_ingress_rule" "i{i}" {{\n'
                      f'  security_group_id = aws_security_group.g.id\n  cidr_ipv4 = "{cidr}"\n'
                      f'  ip_protocol = "tcp"\n  from_port = {port}\n  to_port = {port}\n}}\n')
        blocks.append(f'resource "aws_security_group_rule" "r{i}" {{\n  type = "ingress"\n'
                      f'  security_group_id = aws_security_group.g.id\n  cidr_blocks = ["{cidr}"]\n'
                      f'  protocol = "tcp"\n  from_port = {port}\n  to_port = {port}\n}}\n')
    return {"main.tf": "\n".join(blocks)}


def broken_links(n, out):
    files = {f"links/d{i // 100}/gone-{i}.yaml": Link(f"../../missing/target-{i}.yaml") for i in range(n)}
    files["deployment.yaml"] = shape_manifest()
    return files


def plan(changes, configuration):
    return json.dumps({"format_version": "1.2", "terraform_version": "1.9.0", "resource_changes": changes,
                       "configuration": {"root_module": {"resources": configuration}}})


def change(address, after, unknown=None):
    kind, name = address.split(".")
    return {"address": address, "mode": "managed", "type": kind, "name": name,
            "change": {"actions": ["create"], "after": after, "after_unknown": unknown or {}}}


def configured(address, expressions):
    kind, name = address.split(".")
    return {"address": address, "mode": "managed", "type": kind, "name": name, "expressions": expressions}


def plan_bucket_companions(n, out):
    changes, configuration = [], []
    for i in range(n):
        changes.append(change(f"aws_s3_bucket.b{i}", {"bucket": f"bucket-{i}"}))
        for copy in range(2):
            statement = {"Effect": "Deny" if copy == 0 else "Allow", "Principal": "*", "Action": "s3:*",
                         "Resource": [f"arn:aws:s3:::bucket-{i}/*"],
                         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            changes.append(change(f"aws_s3_bucket_policy.p{i}_{copy}",
                                  {"bucket": f"bucket-{i}", "policy": json.dumps({"Statement": [statement]})}))
            changes.append(change(f"aws_s3_bucket_versioning.v{i}_{copy}", {
                "bucket": f"bucket-{i}", "versioning_configuration": [{"status": "Enabled" if copy == 0 else "Suspended"}]}))
    return {"plan.json": plan(changes, configuration)}


def cfn_bucket_policies(n, out):
    resources = {}
    for i in range(n):
        resources[f"B{i}"] = {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": f"bucket-{i}"}}
        for copy in range(2):
            statement = {"Effect": "Deny" if copy == 0 else "Allow", "Principal": "*", "Action": "s3:*",
                         "Resource": {"Fn::Sub": f"${{B{i}.Arn}}/*"},
                         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
            resources[f"P{i}x{copy}"] = {"Type": "AWS::S3::BucketPolicy", "Properties": {
                "Bucket": {"Ref": f"B{i}"}, "PolicyDocument": {"Statement": [statement]}}}
    return {"template.json": cfn(resources)}


def plan_sg_rules(n, out):
    changes = [change("aws_security_group.g", {"name": "g"})]
    configuration = [configured("aws_security_group.g", {})]
    for i in range(n):
        cidr = "0.0.0.0/0" if i % 100 == 0 else f"10.{i // 256 % 256}.{i % 256}.0/24"
        port = 1024 + i % 60000
        changes.append(change(f"aws_vpc_security_group_ingress_rule.i{i}",
                              {"cidr_ipv4": cidr, "ip_protocol": "tcp", "from_port": port, "to_port": port},
                              {"security_group_id": True}))
        configuration.append(configured(f"aws_vpc_security_group_ingress_rule.i{i}", {
            "security_group_id": {"references": ["aws_security_group.g.id", "aws_security_group.g"]}}))
    return {"plan.json": plan(changes, configuration)}


def ingress_group_classes(n, out):
    # One group whose N members are each of a class of their own, each class the controller's.
    members = [ingress(f"web-{i}", "shared", 80, scheme="internet-facing" if i == 0 else None)
               .replace("ingressClassName: alb", f"ingressClassName: c-{i}") for i in range(n)]
    classes = [f"apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: c-{i}\n"
               f"spec:\n  controller: ingress.k8s.aws/alb\n" for i in range(n)]
    files = ingress_files(members)
    files |= {f"classes-{i // 1000}.yaml": "---\n".join(classes[i:i + 1000]) for i in range(0, n, 1000)}
    return files


def ingress_group_own_classes(n, out):
    # As ingress-group-classes, each file defining the classes of its own ten Ingresses.
    members = [ingress(f"web-{i}", "shared", 80, scheme="internet-facing" if i == 0 else None)
               .replace("ingressClassName: alb", f"ingressClassName: c-{i}")
               + f"---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: c-{i}\n"
               f"spec:\n  controller: ingress.k8s.aws/alb\n" for i in range(n)]
    return ingress_files(members)


def cfn_sg_port_ranges(n, out):
    blocks = ["0.0.0.0/1", "0.0.0.0/2", "64.0.0.0/2"]
    rules = [{"IpProtocol": "tcp", "FromPort": i % 65536, "ToPort": 65535, "CidrIp": blocks[i % 3], "Description": "d"}
             for i in range(n)]
    return {"template.json": cfn({"Wide": {"Type": "AWS::EC2::SecurityGroup",
                                           "Properties": {"GroupDescription": "wide", "SecurityGroupIngress": rules}}})}


def pem_headers(n, out):
    return {"keys/bundle.pem": "-----BEGIN X-----\n" * n + "-----END X-----\n", "deployment.yaml": shape_manifest()}


def pattern_long_text(n, out):
    pack = ("apiVersion: policycheck/v1\nkind: PolicyPack\nmetadata: {id: tickets, version: 1.0.0, title: tickets}\n"
            "rules:\n  - id: ACME-NET-003\n    title: Ensure every allowlist entry names a ticket\n    severity: low\n"
            "    select: {resource: allowlist-entry}\n"
            "    assert: {path: description, matches: \"[A-Z]+-[0-9]+\"}\n")
    manifest = ("apiVersion: policycheck/v1\nkind: Deployment\nmetadata: {name: d, owner: o}\n"
                "spec:\n  offering: shared\n  region: us-east-1\n  network:\n    ipFiltering:\n      enabled: true\n"
                f"      allowlist:\n        - {{cidr: 52.20.12.0/24, description: {'A' * n}}}\n")
    return {"pack.yaml": pack, "input/deployment.yaml": manifest,
            "args": f"--policy\n{os.path.join(out, 'pack.yaml')}\n"}


def cfn_noecho_loop(n, out):
    cidrs = ",".join(f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}/32" for i in range(n))
    template = {"AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::LanguageExtensions",
                "Parameters": {"Offices": {"Type": "CommaDelimitedList", "NoEcho": True, "Default": cidrs}},
                "Resources": {"Fn::ForEach::Rules": ["Cidr", {"Ref": "Offices"}, {"In&{Cidr}": {
                    "Type": "AWS::EC2::SecurityGroupIngress",
                    "Properties": {"GroupId": "sg-1", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                                   "CidrIp": {"Ref": "Cidr"}}}}]}}
    return {"template.json": json.dumps(template, indent=1)}


def cfn_loops_within(n, out):
    groups = {f"Group{i}": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
        "GroupDescription": "g", "Fn::ForEach::Rules": ["Name", ["SecurityGroupIngress"], {"${Name}": [
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": f"10.{i // 256 % 256}.{i % 256}.0/24",
             "Description": "d"}]}]}} for i in range(n)}
    template = {"AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::LanguageExtensions", "Resources": groups}
    return {"template.json": json.dumps(template, indent=1)}


def cfn_condition_chain(n, out):
    """N keys whose rotation follows the last of 8 conditions, each an Fn::And of ten references to the one before
    (decided 10^8 times a key before round 37; once per condition and scenario since)."""
    conditions = {"C0": {"Fn::Equals": [{"Ref": "P"}, "a"]}}
    for level in range(1, 9):
        conditions[f"C{level}"] = {"Fn::And": [{"Condition": f"C{level - 1}"}] * 10}
    keys = {f"Key{i}": {"Type": "AWS::KMS::Key", "Properties": {
        "EnableKeyRotation": {"Fn::If": ["C8", True, False]},
        "KeyPolicy": {"Version": "2012-10-17", "Statement": []}}} for i in range(n)}
    template = {"AWSTemplateFormatVersion": "2010-09-09",
                "Parameters": {"P": {"Type": "String", "AllowedValues": ["a", "b"], "Default": "a"}},
                "Conditions": conditions, "Resources": keys}
    return {"template.json": json.dumps(template, indent=1)}


def plan_aoss_wildcard(n, out):
    """N OpenSearch Serverless collections, and for each an encryption and a network policy of `collection/*`, which
    match every collection (each collection copied every matching rule before round 37)."""
    changes = []
    for i in range(n):
        changes.append(change(f"aws_opensearchserverless_collection.c{i}", {"name": f"coll-{i}", "type": "SEARCH"}))
        encryption = {"Rules": [{"ResourceType": "collection", "Resource": ["collection/*"]}], "AWSOwnedKey": True}
        network = [{"Rules": [{"ResourceType": "collection", "Resource": ["collection/*"]}], "AllowFromPublic": False}]
        changes.append(change(f"aws_opensearchserverless_security_policy.e{i}",
                              {"name": f"enc-{i}", "type": "encryption", "policy": json.dumps(encryption)}))
        changes.append(change(f"aws_opensearchserverless_security_policy.n{i}",
                              {"name": f"net-{i}", "type": "network", "policy": json.dumps(network)}))
    return {"plan.json": plan(changes, [])}


def tf_dynamic_ingress(n, out):
    """One security group whose `dynamic "ingress"` block makes N rules, one per office (a description each), all
    from 0.0.0.0/0 on port 22: N findings alike but for their paths at the block's one position (each compared with
    every one kept before it when repeats were dropped, before round 37)."""
    offices = ", ".join(f'"office-{i}"' for i in range(n))
    return {"main.tf": (
        'provider "aws" { region = "us-east-1" }\n'
        f'locals {{ offices = [{offices}] }}\n'
        'resource "aws_security_group" "g" {\n  name = "g"\n'
        '  dynamic "ingress" {\n    for_each = local.offices\n    content {\n'
        '      description = ingress.value\n      from_port = 22\n      to_port = 22\n      protocol = "tcp"\n'
        '      cidr_blocks = ["0.0.0.0/0"]\n    }\n  }\n}\n')}


ROUND_37 = {"cfn-condition-chain": cfn_condition_chain, "plan-aoss-wildcard": plan_aoss_wildcard,
            "tf-dynamic-ingress": tf_dynamic_ingress}


ROUND_26 = {"ingress-group-one": ingress_group_one, "ingress-groups": ingress_groups, "tf-kubectl-yaml": tf_kubectl_yaml,
            "tf-yaml-aliases": tf_yaml_aliases, "k8s-yaml-aliases": k8s_yaml_aliases, "pem-bundle": pem_bundle,
            "tf-bucket-companions": tf_bucket_companions, "tf-one-bucket-policies": tf_one_bucket_policies,
            "tf-policy-documents": tf_policy_documents, "karpenter": karpenter, "tf-workspaces": tf_workspaces,
            "tf-sg-rules": tf_sg_rules, "broken-links": broken_links, "plan-bucket-companions": plan_bucket_companions,
            "cfn-bucket-policies": cfn_bucket_policies, "plan-sg-rules": plan_sg_rules,
            "ingress-group-classes": ingress_group_classes, "ingress-group-own-classes": ingress_group_own_classes,
            "cfn-sg-port-ranges": cfn_sg_port_ranges, "pem-headers": pem_headers, "pattern-long-text": pattern_long_text,
            "cfn-noecho-loop": cfn_noecho_loop, "cfn-loops-within": cfn_loops_within}


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
        if isinstance(text, Link):
            os.symlink(text, full)
            continue
        with open(full, "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
