# Sourced by the end-to-end scripts: fail with a reason, and run a command expecting an exit code
# and a pattern in its output.
fail() { echo "FAIL: $*"; exit 1; }
expect() {  # expect CODE PATTERN -- command...
  local code=$1 pattern=$2
  shift 3
  local out
  out=$("$@" 2>&1)
  local got=$?
  [ "$got" -eq "$code" ] || { echo "$out"; fail "'$*' exited $got, expected $code"; }
  grep -Eq -- "$pattern" <<<"$out" || { echo "$out"; fail "'$*' output lacks /$pattern/"; }
}
