#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu).
set -euo pipefail
apt-get update -qq
apt-get install -y -qq --no-install-recommends python3 python3-pip python3-venv
python3 -m venv /autograder/venv
# Pin the release the course was tested with.
/autograder/venv/bin/pip install --quiet "symproofs==0.1.0"
