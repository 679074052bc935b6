#!/usr/bin/env bash
# Cuts a release: scripts/release.sh X.Y.Z [--push]. See RELEASING.md.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${1:-}"
push="${2:-}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "usage: scripts/release.sh X.Y.Z [--push]" >&2
  exit 2
fi
tag="v$version"
major="v${version%%.*}"

[ "$(git rev-parse --abbrev-ref HEAD)" = main ] || { echo "release from main only" >&2; exit 1; }
[ -z "$(git status --porcelain)" ] || { echo "the working tree is not clean" >&2; exit 1; }
if git remote get-url origin >/dev/null 2>&1; then
  git fetch --quiet origin main --tags
  [ "$(git rev-parse HEAD)" = "$(git rev-parse origin/main)" ] || { echo "main is not origin/main" >&2; exit 1; }
fi
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then echo "tag $tag exists" >&2; exit 1; fi
grep -q "^## \[$version\]" CHANGELOG.md || { echo "CHANGELOG.md has no '## [$version]' section" >&2; exit 1; }

npm version "$version" --no-git-tag-version --allow-same-version >/dev/null
sed -i.bak -E "s/^export const ACTION_VERSION = '[^']*';/export const ACTION_VERSION = '$version';/" src/version.ts && rm src/version.ts.bak

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build >/dev/null
git add package.json package-lock.json src/version.ts dist
git commit -q -m "Release $tag"

# CI on the release commit itself, so dist/ is checked exactly as it will be tagged.
bash .ci/run || {
  echo "CI failed on the release commit; undo it with: git reset --hard HEAD~1" >&2
  exit 1
}
git tag -a "$tag" -m "Release $tag"
git tag -fa "$major" -m "Latest $major release: $tag"

if [ "$push" = "--push" ]; then
  git push origin main "$tag"
  git push --force origin "$major"
else
  echo "Tagged $tag and moved $major. Push with:"
  echo "  git push origin main $tag && git push --force origin $major"
fi
