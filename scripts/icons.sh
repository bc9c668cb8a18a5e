#!/usr/bin/env bash
# The app's icons, all made from one source image, icons/icon.svg, by the Tauri CLI
# (`tauri icon`, the npm package @tauri-apps/cli in ui/'s devDependencies, locked in
# ui/package-lock.json).
#
#   scripts/icons.sh           regenerate the desktop icons in icons/ from icons/icon.svg
#   scripts/icons.sh --check   regenerate into a temporary folder and fail unless the committed
#                              icons are exactly what that makes, and unless every icon that
#                              src-tauri/tauri.conf.json's bundle.icon lists exists with the
#                              size its name says (the test command runs this)
#
# Only the desktop set is kept: PNGs for Linux (32, 64, 128, 256 as 128@2x, 512), icon.ico for
# Windows (the .exe's resource and the installers), icon.icns for macOS. `tauri icon` also makes
# Windows Store logos and Android/iOS sets, which no bundle of this app uses.
#
# The comparison is exact for the PNGs and the .ico (the CLI writes them byte for byte the same
# every run); an .icns is compared entry by entry, since the CLI writes its entries in a
# different order on each run. A newer CLI may render differently: then --check fails and says
# to run this script and commit the result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

desktop_icons=(32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.ico icon.icns)

tauri=ui/node_modules/.bin/tauri
if [ ! -x "$tauri" ]; then
  echo "==> installing the UI's npm packages (for the Tauri CLI)"
  (cd ui && npm ci --no-audit --no-fund)
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$tauri" icon icons/icon.svg -o "$out" >"$out.log" 2>&1 || { cat "$out.log"; rm -f "$out.log"; exit 1; }
rm -f "$out.log"

if [ "${1:-}" != "--check" ]; then
  for f in "${desktop_icons[@]}"; do cp "$out/$f" "icons/$f"; done
  echo "icons/: ${desktop_icons[*]} regenerated from icons/icon.svg"
  exit 0
fi

node - "$out" "${desktop_icons[@]}" <<'EOF'
const fs = require("fs");
const path = require("path");
const [fresh, ...names] = process.argv.slice(2);
const problems = [];

// Entries of an .icns file: [type, payload] pairs, sorted so that order does not matter.
function icnsEntries(buf) {
  if (buf.toString("latin1", 0, 4) !== "icns") throw new Error("not an icns file");
  const entries = [];
  for (let i = 8; i < buf.length; ) {
    const len = buf.readUInt32BE(i + 4);
    if (len < 8) throw new Error("bad icns entry");
    entries.push(buf.toString("latin1", i, i + 4) + ":" + buf.subarray(i + 8, i + len).toString("base64"));
    i += len;
  }
  return entries.sort();
}

// The pixel sizes an icon file holds.
function sizes(file) {
  const buf = fs.readFileSync(file);
  if (file.endsWith(".png")) {
    if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
    return [[buf.readUInt32BE(16), buf.readUInt32BE(20)]];
  }
  if (file.endsWith(".ico")) {
    const n = buf.readUInt16LE(4);
    return Array.from({ length: n }, (_, k) => {
      const e = 6 + 16 * k;
      return [buf[e] || 256, buf[e + 1] || 256];
    });
  }
  if (file.endsWith(".icns")) return icnsEntries(buf).map((e) => e.slice(0, 4));
  throw new Error("unknown icon type");
}

// 1. The committed icons are exactly what icons/icon.svg makes.
for (const name of names) {
  const mine = path.join("icons", name);
  if (!fs.existsSync(mine)) { problems.push(`${mine} is missing`); continue; }
  const a = fs.readFileSync(mine);
  const b = fs.readFileSync(path.join(fresh, name));
  const same = name.endsWith(".icns")
    ? JSON.stringify(icnsEntries(a)) === JSON.stringify(icnsEntries(b))
    : a.equals(b);
  if (!same) problems.push(`${mine} differs from what icons/icon.svg makes`);
}

// 2. tauri.conf.json's bundle.icon lists exactly those, each with the size its name says.
const conf = JSON.parse(fs.readFileSync("src-tauri/tauri.conf.json", "utf8"));
const listed = (conf.bundle && conf.bundle.icon) || [];
const listedNames = listed.map((p) => path.basename(p)).sort();
if (JSON.stringify(listedNames) !== JSON.stringify([...names].sort()))
  problems.push(`bundle.icon lists [${listedNames}], expected [${[...names].sort()}]`);
const expected = {
  "32x32.png": [[32, 32]], "64x64.png": [[64, 64]], "128x128.png": [[128, 128]],
  "128x128@2x.png": [[256, 256]], "icon.png": [[512, 512]],
};
for (const rel of listed) {
  const file = path.join("src-tauri", rel);
  if (!fs.existsSync(file)) { problems.push(`${rel} (bundle.icon) does not exist`); continue; }
  let got;
  try { got = sizes(file); } catch (e) { problems.push(`${rel}: ${e.message}`); continue; }
  const base = path.basename(rel);
  if (expected[base] && JSON.stringify(got) !== JSON.stringify(expected[base]))
    problems.push(`${rel} is ${JSON.stringify(got)}, expected ${JSON.stringify(expected[base])}`);
  if (base.endsWith(".ico") && !(got.some(([w]) => w === 32) && got.some(([w]) => w === 256)))
    problems.push(`${rel} lacks a 32 or 256 px image: ${JSON.stringify(got)}`);
  if (base.endsWith(".icns") && !["ic07", "ic08", "ic09", "ic10"].every((t) => got.includes(t)))
    problems.push(`${rel} lacks a 128/256/512/1024 px entry: ${got}`);
  console.log(`  ${rel}: ${base.endsWith(".icns") ? got.join(" ") : got.map(([w, h]) => `${w}x${h}`).join(" ")}`);
}

if (problems.length) {
  for (const p of problems) console.error("icons: " + p);
  console.error("icons: run scripts/icons.sh and commit icons/ (and check bundle.icon in src-tauri/tauri.conf.json)");
  process.exit(1);
}
console.log(`icons: ${names.length} icons match icons/icon.svg and bundle.icon`);
EOF
