# Sourced by build/install-*.sh: installs Debian packages quietly, as root or through sudo.
# Usage: apt_install <what, for messages> <package>...; leaves `sudo` set for the caller's own follow-up commands.
apt_install() {
  local what=$1
  shift
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "install-$what: $what is missing and this user cannot install it (run as root, or install Debian's '$*')" >&2
      exit 1
    fi
    sudo=(sudo)
  fi

  echo "install-$what: installing Debian's $* package" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
