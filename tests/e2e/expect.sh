# Sourced by the end-to-end scripts: fail with a reason, and run a command expecting an exit code
# and a pattern in its output. A command that fails must end its message with a newline, or the
# shell's prompt lands on the message's last line.
fail() { echo "FAIL: $*"; exit 1; }
expect() {  # expect CODE PATTERN -- command...
  local code=$1 pattern=$2
  shift 3
  local raw out got
  raw=$("$@" 2>&1; printf '\037%d' $?)  # the mark keeps the output's last newline, which $() drops
  got=${raw##*$'\037'}
  out=${raw%$'\037'*}
  [ "$got" -eq "$code" ] || { echo "$out"; fail "'$*' exited $got, expected $code"; }
  grep -Eq -- "$pattern" <<<"$out" || { echo "$out"; fail "'$*' output lacks /$pattern/"; }
  [ "$got" -eq 0 ] || [ -z "$out" ] || [ "${out: -1}" = $'\n' ] ||
    { echo "$out"; fail "'$*' ends its message without a newline"; }
}
