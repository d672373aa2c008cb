#!/usr/bin/env bash
# After editing policies/mattermost-cloud.yaml: the YAML itself is compiled in as a SwiftPM resource (nothing to
# regenerate), but the tree rendered from it for start-up (Sources/PolicyCheckPolicy/Policy/Resources/
# mattermost-cloud.tree.json) is recorded data. Record it anew (the recording run fails on purpose), then check it.
# While it is stale the binary parses the YAML instead (slower start-up, same pack) and EmbeddedPackJSONTests fails.
set -euo pipefail
cd "$(dirname "$0")/.."
POLICYCHECK_RECORD_GOLDEN=1 swift test --filter EmbeddedPackJSONTests >/dev/null 2>&1 || true
swift test --filter EmbeddedPackJSONTests
echo "recorded Sources/PolicyCheckPolicy/Policy/Resources/mattermost-cloud.tree.json"
