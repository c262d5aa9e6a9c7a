#!/bin/sh
# Set-up for the face-swap detector's training (not part of npm run setup): PyTorch, NumPy and Pillow
# from Debian's packages, for Debian's own python3 (/usr/bin/python3).
set -eu
if /usr/bin/python3 -c 'import torch, numpy, PIL' 2>/dev/null; then
  echo 'train:faceswap:setup: PyTorch, NumPy and Pillow are there'
  exit 0
fi
SUDO=''
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends python3-torch python3-numpy python3-pil
