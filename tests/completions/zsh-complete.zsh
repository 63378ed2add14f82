#!/usr/bin/zsh -f
# usage: zsh-complete.zsh DIR LINE...
# Loads the completion in DIR (_ws-handshake) into an interactive zsh with compinit in a clean
# HOME, as a user's shell would, and for each LINE types it and asks for the list of choices
# (list-choices, the listing Tab shows), then clears the line and runs a marker command, so the
# end of each answer is known even when nothing is listed. Prints `compinit<TAB>FUNCTION`, then
# `LINE<TAB>word word ...` for each LINE: the words listed. Each answer is awaited 10 s at most.
zmodload zsh/zpty || exit 1
dir=$1
shift
home=$(mktemp -d)
trap 'zpty -d shell 2>/dev/null; rm -rf $home' EXIT
zpty shell "env -i HOME=$home TERM=dumb COLUMNS=300 LINES=200 PATH=$PATH zsh -f -i"

# Reads the shell's output until it matches the pattern `*wanted*`; fails after 10 s.
await() {
  local wanted=$1 chunk
  output=
  local deadline=$((SECONDS + 10))
  while ((SECONDS < deadline)); do
    if zpty -r -t shell chunk; then
      output+=$chunk
      [[ $output == *${~wanted}* ]] && return 0
    else
      sleep 0.02
    fi
  done
  print -u2 "zsh-complete: no answer containing '$wanted' in 10 s; got: $output"
  exit 1
}

# The arithmetic makes each answer differ from the command's echo.
zpty -w shell "PS1='%% '; fpath=($dir \$fpath); autoload -Uz compinit; compinit -u -d $home/.zcompdump; zle -C list-them list-choices _main_complete; bindkey '^T' list-them; print -r -- loaded:\${_comps[ws-handshake]}:\$((6 * 7))"
# Each answer is awaited up to the prompt after it: keys typed before the line editor runs
# again would reach the terminal as text.
await ':42*% '
print -r -- "compinit	${${output##*loaded:}%%:42*}"
for line in "$@"; do
  zpty -w -n shell "$line"$'\x14\x15'
  zpty -w shell 'print -r -- @@$((40 + 2))@@'
  await '@@42@@*% '
  # What was listed: the words between the line's echo and the marker, without the prompt,
  # the line drawn again and the marker's command.
  answer=${${output#*"$line"}%%print -r -- @@*}
  listed=()
  for word in ${=answer//[$'\r\b']/ }; do
    [[ $word == (%|--|*[[:cntrl:]]*) || ${${=line}[(Ie)$word]} != 0 ]] || listed+=($word)
  done
  print -r -- "$line	${(j: :)listed}"
done
