# Sourced by scripts/demo.sh, scripts/test.sh and .ci/run: the Debian packages Qt 6 (PySide6, xcb
# and offscreen platforms) needs beside the Python wheels, those the tests need, and a helper
# that installs the missing ones.
QT_DEBIAN_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  fonts-wqy-microhei
)
# The tests' real tools: PostgreSQL, poppler (pdftotext, pdffonts, pdfsig, pdftoppm), SoftHSM2
# (a PKCS#11 token, as a UKey), NSS's certutil (pdfsig's trust store), Xvfb, CJK fonts.
TEST_DEBIAN_PACKAGES=(
  postgresql poppler-utils softhsm2 libnss3-tools xvfb xauth fonts-noto-cjk
  "${QT_DEBIAN_PACKAGES[@]}"
)

# missing_debian_packages PKG... : print the ones dpkg does not have installed.
missing_debian_packages() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      echo "$pkg"
    fi
  done
}

# ensure_debian_packages PKG... : install what is missing (as root), or say how to.
ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian: nothing to check
  local missing
  mapfile -t missing < <(missing_debian_packages "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" = "0" ]; then
    echo "==> apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "note: missing Debian packages: sudo apt-get install ${missing[*]}" >&2
  fi
}
