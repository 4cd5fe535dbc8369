#!/bin/sh
# run-rules.sh - golden files of the rule language:
#   X.rules + X.check    postern check output, exactly
#   X.rules + X.explain  "ARGS => answer": postern explain's policy answer
# (ARGS are shell words, split with eval: quote "<", ">" and spaces)
POSTERN=${POSTERN:-"$top_builddir/cli/postern"}
cd "$top_srcdir" || exit 1
pass=0
fail=0
for check in tests/rules/*.check; do
	rules=${check%.check}.rules
	if $POSTERN check "$rules" 2>&1 | diff -u "$check" - >/dev/null; then
		pass=$((pass + 1))
	else
		echo "FAIL $check:"
		$POSTERN check "$rules" 2>&1 | diff -u "$check" -
		fail=$((fail + 1))
	fi
done
for ex in tests/rules/*.explain; do
	rules=${ex%.explain}.rules
	while IFS= read -r line; do
		case $line in '#'*|'') continue ;; esac
		args=${line%% => *}
		want=${line#* => }
		got=$(eval "set -- $args"; $POSTERN explain "$rules" "$@" 2>&1 \
			| sed -n 's/^postern-policyd answers: //p')
		if [ "$got" = "$want" ]; then
			pass=$((pass + 1))
		else
			echo "FAIL $ex: $args => got \"$got\", expected \"$want\""
			fail=$((fail + 1))
		fi
	done < "$ex"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
