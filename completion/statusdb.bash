# statusdb.bash - bash completion for statusdb(1): its commands, their
# options and the options' values.  All of it is read from "statusdb
# --help" and "statusdb COMMAND --help" of the statusdb being completed,
# so it never lags behind the binary.  Installed as
# share/bash-completion/completions/statusdb; or: . statusdb.bash

_statusdb()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local sdb=${COMP_WORDS[0]} cmd= help line arg choices i
	sdb=${sdb/#\~/$HOME}

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$sdb" --help 2>/dev/null |
				sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')" -- "$cur"))
		fi
		return
	fi
	help=$("$sdb" "$cmd" --help 2>/dev/null)
	# after an option that takes a value: its choices, "(a, b, c)" at
	# the end of its line, or the formats listed, or files
	if [[ $prev == -* ]]; then
		line=$(grep -E -- "^  (-[a-zA-Z], )?--[a-z-]+" <<<"$help" |
			grep -E -- "(^  |, )$prev(,| |$)" | head -1)
		arg=$(sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}--[a-z-]* \([A-Z][A-Z=]*\) .*/\2/p' \
			<<<"$line")
		if [[ -n $arg ]]; then
			choices=$(sed -n 's/.*(\([a-z0-9][a-z0-9, -]*\))$/\1/p' <<<"$line" |
				tr -d ,)
			if [[ -z $choices && $arg == FORMAT ]]; then
				choices=$(sed -n '/^formats:$/,/^$/s/^  \([a-z][a-z0-9-]*\)  .*/\1/p' \
					<<<"$help")
			fi
			if [[ -n $choices ]]; then
				COMPREPLY=($(compgen -W "$choices" -- "$cur"))
			elif [[ $arg == PATH || $arg == FILE ]]; then
				COMPREPLY=($(compgen -f -- "$cur"))
			else
				COMPREPLY=()
			fi
			return
		fi
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(sed -n \
			's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z-]*\).*/\2/p' <<<"$help")" \
			-- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -F _statusdb statusdb
