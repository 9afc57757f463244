#!/usr/bin/env bash
# Builds localhost/parley:VERSION with podman, from Debian's packages only (no container registry):
#  1. the base image: Debian trixie (its nodejs is 20, which Parley needs; bookworm's is 18) with
#     nodejs and ca-certificates, made by mmdebstrap and imported with `podman import`;
#  2. the package: `npm pack` of this checkout, installed with `npm install` into stage/ on this
#     machine (better-sqlite3's binary is built or fetched here, for Node 20's ABI);
#  3. `podman build --format docker` (the docker format keeps HEALTHCHECK) of the Containerfile,
#     with chroot isolation for its one RUN step, so it builds inside a container too (where
#     crun cannot make cgroups).
# Needs: podman, mmdebstrap, npm, and a Debian mirror (MIRROR, default deb.debian.org).
# Not run by CI (README "Running in production" says why); run by hand as README records.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
mirror="${MIRROR:-http://deb.debian.org/debian}"
version="$(node -p "require('$repo/package.json').version")"

if ! podman image exists localhost/parley-base:trixie; then
  echo "build.sh: making the base image with mmdebstrap (a few minutes)"
  mmdebstrap --variant=minbase --include=nodejs,ca-certificates --format=tar trixie - "$mirror" \
    | podman import - localhost/parley-base:trixie
fi

rm -rf "$here/stage" && mkdir -p "$here/stage"
(cd "$repo" && npm pack --ignore-scripts --pack-destination "$here/stage" >/dev/null)
tarball="$(ls "$here"/stage/*.tgz)"
(cd "$here/stage" && echo '{"private":true}' > package.json && npm install --omit=dev --no-audit --no-fund "$tarball" && rm -f "$tarball")

podman build --isolation chroot --format docker --build-arg BASE=localhost/parley-base:trixie -t "localhost/parley:$version" -f "$here/Containerfile" "$here"
echo "build.sh: built localhost/parley:$version"
