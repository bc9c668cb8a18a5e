#!/usr/bin/env bash
# Builds the release app and its Linux installers, a .deb and an .rpm, then checks them.
#
#   scripts/package.sh                build, then check
#   scripts/package.sh --check-only   check the installers the last build left in target/
#
# Runs `tauri build --bundles deb,rpm` with the Tauri CLI from ui/'s devDependencies, from the
# repository, so tauri.conf.json's beforeBuildCommand builds the UI (ui/dist) that the release
# binary embeds. Neither bundler downloads anything: the .deb is written by the CLI itself, and
# so is the .rpm (in Rust, with no rpmbuild). The AppImage is not built here: its bundler
# downloads linuxdeploy and its plugins at build time, which this machine cannot do; the release
# workflow (.github/workflows/release.yml) builds it, and the Windows and macOS installers.
#
# Then: dpkg-deb --info and --contents of the .deb (the binary, the desktop file, the icons),
# the .deb unpacked in a scratch folder (dpkg -x) and its binary checked — an x86-64 ELF whose
# libraries all resolve — and started under Xvfb with a scratch data folder, which must still be
# running after 10 s; the .rpm's header and file list (rpm -qip, -qlp). Prints the sizes of the
# binary and of both installers. A release build takes about ten minutes on two cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-debian.sh --package
export PATH="$HOME/.cargo/bin:$PATH"

if [ "${1:-}" != "--check-only" ]; then
echo "==> tauri build --bundles deb,rpm (release; the UI first, by beforeBuildCommand)"
# The CLI runs beforeBuildCommand in the frontend folder, the one with the package.json: ui/
# (named here so that it is not guessed). tauri.conf.json's command, `npm --prefix ui run build`,
# is written for the repository's root, so it is given as ui/ needs it.
export TAURI_FRONTEND_PATH="$PWD/ui" TAURI_APP_PATH="$PWD/src-tauri"
ui/node_modules/.bin/tauri build --ci --bundles deb,rpm \
  --config '{"build":{"beforeBuildCommand":"npm run build"}}'
fi

target_dir="$(cargo metadata --format-version 1 --no-deps | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
bin="$target_dir/release/pishkhan-app"
version="$(node -p 'require("./src-tauri/tauri.conf.json").version')"
fail() { echo "package: $*" >&2; exit 1; }
debs=("$target_dir"/release/bundle/deb/*_"$version"_*.deb)
rpms=("$target_dir"/release/bundle/rpm/*-"$version"-*.rpm)
deb="${debs[0]}"
rpm_file="${rpms[0]}"
if [ ! -f "$deb" ] || [ ! -f "$rpm_file" ]; then fail "no .deb or .rpm of version $version in $target_dir/release/bundle"; fi

echo "==> the .deb: $deb"
dpkg-deb --info "$deb"
contents="$(dpkg-deb --contents "$deb")"
echo "$contents"
for want in usr/bin/pishkhan-app usr/share/applications/Pishkhan.desktop \
  usr/share/icons/hicolor/32x32/apps/pishkhan-app.png \
  usr/share/icons/hicolor/64x64/apps/pishkhan-app.png \
  usr/share/icons/hicolor/128x128/apps/pishkhan-app.png \
  usr/share/icons/hicolor/512x512/apps/pishkhan-app.png; do
  grep -Eq " (\./)?$want\$" <<<"$contents" || fail "the .deb lacks $want"
done

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
dpkg -x "$deb" "$scratch/root"
app="$scratch/root/usr/bin/pishkhan-app"
file "$app"
file "$app" | grep -q 'ELF 64-bit LSB pie executable, x86-64' || fail "not an x86-64 ELF executable"
if ldd "$app" | grep 'not found'; then fail "libraries the binary needs are missing"; fi
echo "--- the desktop file"
cat "$scratch/root/usr/share/applications/Pishkhan.desktop"
# The bundler patches the package's type ("deb", "rpm") into the binary, for the updater: the
# .deb's copy differs from the built binary in those bytes only.
[ "$(cmp -l "$app" "$bin" | wc -l)" -le 3 ] || fail "the .deb's binary is not $bin"

echo "==> starting the packaged app under Xvfb for 10 s (scratch data folder)"
set +e
WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1 \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  timeout 10 "$app" --data-dir "$scratch/data" >"$scratch/app.log" 2>&1
status=$?
set -e
if [ "$status" -ne 124 ]; then
  cat "$scratch/app.log"
  fail "the packaged app exited with $status before 10 s"
fi
echo "still running after 10 s: ok"

echo "==> the .rpm: $rpm_file"
rpm -qip "$rpm_file"
rpm -qp --requires "$rpm_file"
rpm -qlp "$rpm_file"

echo "==> sizes"
size() { stat -c '%s %n' "$1" | awk '{ printf "%-60s %6.1f MB (%d bytes)\n", $2, $1 / 1048576, $1 }'; }
size "$bin"
size "$deb"
size "$rpm_file"
