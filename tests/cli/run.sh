#!/usr/bin/env bash
# End-to-end checks of the command line: exit statuses, standard input, hostile and endless
# input, closed streams, colour. Every run has a timeout; each check asserts an outcome.
set -u
bin=${1:?usage: run.sh path/to/ws-handshake}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $1"
  [ -s "$work/err" ] && sed 's/^/    stderr: /' "$work/err" | head -5 | cat -v
}

# run NAME EXPECTED_STATUS COMMAND...: runs COMMAND (stdout, stderr to files) within 10 s.
run() {
  local name=$1 expected=$2
  shift 2
  local status=0
  timeout 10 "$@" >"$work/out" 2>"$work/err" || status=$?
  if [ "$status" = "$expected" ]; then pass; else fail "$name: exit $status, expected $expected"; fi
}
# expect_err NAME TEXT: standard error of the last run contains TEXT.
expect_err() { if grep -qF -- "$2" "$work/err"; then pass; else fail "$1: stderr lacks '$2'"; fi; }
expect_out() { if grep -qF -- "$2" "$work/out"; then pass; else fail "$1: stdout lacks '$2'"; fi; }
expect_empty() { if [ ! -s "$work/$2" ]; then pass; else fail "$1: $2 is not empty"; fi; }
# one_line NAME: standard error of the last run is a single line.
one_line() {
  if [ "$(wc -l <"$work/err")" = 1 ]; then pass; else fail "$1: stderr is not one line"; fi
}

sample=samples/rfc6455-example.http
# The RFC's example is cross-origin and offers subprotocols, so it gets compatibility notes
# (gorilla's same-origin check, libwebsockets' protocol list): the checks of an empty stderr
# leave notes out with --min-severity warning.

# Exit status 0: accepted, --help, --version, --list-diagnostics.
run accepted 0 "$bin" -p chat --min-severity warning "$sample"
expect_out accepted "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
expect_empty accepted err
run help 0 "$bin" --help
expect_out help "Usage: ws-handshake [OPTIONS] [FILE]"
expect_out help "Exit status:"
run version 0 "$bin" --version
expect_out version "ws-handshake 1.0.0"
run list-diagnostics 0 "$bin" --list-diagnostics
expect_out list-diagnostics "hop-by-hop-headers-stripped"

# Standard input: absent FILE and '-'.
run stdin-absent 0 bash -c "\"$bin\" -p chat <$sample"
expect_out stdin-absent "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
run stdin-dash 0 bash -c "cat $sample | \"$bin\" -p chat -"
expect_out stdin-dash "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
run stdin-name 1 bash -c "\"$bin\" - <samples/broken/version-8.http"
expect_err stdin-name "<stdin>:8:24: error:"
run stdin-trailing-bytes 0 bash -c "cat samples/broken/data-after-headers.http | \"$bin\" -p chat"
expect_err stdin-trailing-bytes "6 bytes follow the header block"

# Exit status 1: refused, malformed, --strict, -q.
run refused 1 "$bin" -p nope "$sample"
expect_empty refused out
expect_err refused "[subprotocol-not-offered]"
run malformed 1 "$bin" samples/broken/space-before-colon.http
run strict 1 "$bin" --strict "$sample"
expect_err strict "error: the client offered"
run quiet 1 "$bin" -q samples/broken/version-8.http
expect_empty quiet out
expect_empty quiet err
run json-on-failure 1 "$bin" -f json samples/broken/version-8.http
expect_out json-on-failure '"ok": false'
expect_empty json-on-failure err

# Exit status 2: usage errors, each one line plus the pointer to --help.
run unknown-option 2 "$bin" --bogus "$sample"
expect_err unknown-option "ws-handshake --help"
run protocol-not-token 2 "$bin" -p "a b" "$sample"
expect_err protocol-not-token "is not allowed; a subprotocol name is a token"
run protocol-twice 2 "$bin" -p chat -p superchat "$sample"
run extension-bad 2 "$bin" -e "permessage-deflate;" "$sample"
expect_err extension-bad "RFC 6455 9.1"
run extension-two-in-one 2 "$bin" -e "a, b" "$sample"
run format-unknown 2 "$bin" -f xml "$sample"
run color-unknown 2 "$bin" --color sometimes "$sample"
run max-header-bytes-range 2 "$bin" --max-header-bytes 10 "$sample"
run two-files 2 "$bin" "$sample" "$sample"

# An empty subprotocol or extension is no choice a server can make; the message says so and
# points at `verify` for a response that echoes an empty header.
run protocol-empty 2 "$bin" -p "" "$sample"
expect_err protocol-empty "-p/--protocol: a server cannot choose an empty subprotocol"
expect_err protocol-empty "echoes an empty Sec-WebSocket-Protocol is the job of \`ws-handshake verify\`"
run extension-empty 2 "$bin" --extension "" "$sample"
expect_err extension-empty "-e/--extension: a server cannot choose an empty extension"
expect_err extension-empty "echoes an empty Sec-WebSocket-Extensions is the job of \`ws-handshake verify\`"

# --negotiate-deflate takes SETTINGS only attached: the word after a bare one stays FILE, and
# --help writes it without a space, which would make `[=SETTINGS]` read as FILE.
run negotiate-deflate-bare 0 "$bin" --negotiate-deflate samples/python-websockets.http
expect_out negotiate-deflate-bare "Sec-WebSocket-Extensions: permessage-deflate"
run help-attached 0 "$bin" --help
expect_out help-attached "  --negotiate-deflate[=SETTINGS]"
# Every file --help's examples name exists, so each example runs as printed.
for path in $(grep -oE 'samples/[A-Za-z0-9_./-]+' "$work/out" | sort -u); do
  if [ -f "$path" ]; then pass; else fail "--help names $path, which does not exist"; fi
done
if grep -qF "capture.http" "$work/out"; then fail "--help names capture.http"; else pass; fi

# A terminal on standard input gets one line saying what is read and how to end it; a pipe
# or a file gets none. script(1) gives the binary a terminal; its own stdin at /dev/null
# ends the input with Ctrl-D at once.
if command -v script >/dev/null; then
  hint="ws-handshake: reading a request from the terminal; end it with an empty line or Ctrl-D. Run 'ws-handshake --help' for the options."
  timeout 10 script -qec "\"$bin\" 2>$work/err" /dev/null </dev/null >/dev/null 2>&1
  if [ "$(head -1 "$work/err")" = "$hint" ]; then pass; else fail "terminal: no hint first on stderr"; fi
  expect_err terminal "[empty-input]"
  timeout 10 script -qec "\"$bin\" - 2>$work/err" /dev/null </dev/null >/dev/null 2>&1
  if [ "$(head -1 "$work/err")" = "$hint" ]; then pass; else fail "terminal, '-': no hint"; fi
  timeout 10 script -qec "\"$bin\" --batch 2>$work/err" /dev/null </dev/null >/dev/null 2>&1
  expect_err terminal-batch "reading requests from the terminal; end them with Ctrl-D."
  timeout 10 script -qec "\"$bin\" -q 2>$work/err" /dev/null </dev/null >/dev/null 2>&1
  expect_empty terminal-quiet err
  # The request typed (here its LF lines, which a terminal passes as they are) is answered.
  timeout 10 script -qec "\"$bin\" -p chat >$work/out 2>$work/err" /dev/null \
    <samples/lf-line-endings.http >/dev/null 2>&1
  expect_out terminal-request "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
  timeout 10 script -qec "\"$bin\" -p chat --min-severity warning $sample 2>$work/err" /dev/null </dev/null >/dev/null 2>&1
  expect_empty terminal-file err
else
  fail "script(1) from bsdutils is needed for the terminal checks"
fi
run pipe-no-hint 0 bash -c "cat $sample | \"$bin\" -p chat --min-severity warning"
expect_empty pipe-no-hint err
run file-no-hint 0 bash -c "\"$bin\" -p chat --min-severity warning <$sample"
expect_empty file-no-hint err

# Exit status 3: input errors, each a single line on stderr.
run missing-file 3 "$bin" "$work/missing.http"
one_line missing-file
expect_err missing-file "No such file or directory"
run directory 3 "$bin" samples
one_line directory
expect_err directory "is a directory"
: >"$work/empty.http"
run empty-file 3 "$bin" "$work/empty.http"
expect_err empty-file "[empty-input]"
run stdin-closed 3 bash -c "\"$bin\" <&-"
one_line stdin-closed
expect_err stdin-closed "Bad file descriptor"
run incomplete 3 "$bin" samples/broken/truncated.http
expect_err incomplete "the input ends after 132 bytes"
run endless-zeros 3 bash -c "\"$bin\" </dev/zero"
expect_err endless-zeros "[header-block-too-large]"
run endless-zeros-pipe 3 bash -c "cat /dev/zero | \"$bin\""
run nul-file 3 bash -c "head -c 100000 /dev/zero >$work/nul.http && \"$bin\" $work/nul.http"
run long-line 3 bash -c "head -c 10000000 /dev/zero | tr '\\0' a | \"$bin\""
expect_err long-line "no end of the header block in the first 65536 bytes"
# Random bytes end either as too large (3) or, when a blank line shows up, as malformed (1).
status=0
timeout 10 bash -c "head -c 100000000 /dev/urandom | \"$bin\"" >/dev/null 2>"$work/err" || status=$?
if [ "$status" = 1 ] || [ "$status" = 3 ]; then pass; else fail "urandom: exit $status"; fi

# Output: a closed pipe ends quietly with the handshake's status; /dev/full is an error.
status=$(bash -c "set -o pipefail; \"$bin\" -p chat --min-severity warning $sample 2>$work/err | head -c0; echo \${PIPESTATUS[0]}")
if [ "$status" = 0 ]; then pass; else fail "closed stdout: exit $status"; fi
expect_empty closed-stdout err
run dev-full 3 bash -c "\"$bin\" -p chat $sample >/dev/full"
expect_err dev-full "cannot write to standard output"

# Colour: never on a pipe by default; --color always forces it; on a terminal (script(1))
# NO_COLOR turns it off.
run color-pipe 1 "$bin" -p nope "$sample"
if grep -q $'\x1b' "$work/err"; then fail "colour on a pipe"; else pass; fi
run color-always 1 "$bin" --color always -p nope "$sample"
if grep -q $'\x1b\\[1;31m' "$work/err"; then pass; else fail "--color always gave no colour"; fi
if command -v script >/dev/null; then
  script -qec "\"$bin\" -p nope $sample" /dev/null >"$work/tty" 2>&1 </dev/null
  if grep -q $'\x1b\\[' "$work/tty"; then pass; else fail "no colour on a terminal"; fi
  script -qec "NO_COLOR=1 \"$bin\" -p nope $sample" /dev/null >"$work/tty" 2>&1 </dev/null
  if grep -q $'\x1b\\[' "$work/tty"; then fail "NO_COLOR ignored"; else pass; fi
else
  fail "script(1) from bsdutils is needed for the terminal checks"
fi

# Hostile input: the escape sequence in the request never reaches the terminal raw.
run hostile 1 "$bin" --color never samples/broken/escape-in-user-agent.http
if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$work/err"; then
  fail "raw control byte in text output"
else
  pass
fi
expect_err hostile 'evil\x1b]0;pwned\x07\x1b[31mred'

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
