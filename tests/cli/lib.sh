# lib.sh - shared helpers of the CLI test scripts (sourced, not run)
#
# expect NAME WANT_STATUS WANT_TEXT -- ARGS...: run $POSTERN ARGS, check
# the exit status and that the output contains WANT_TEXT (fixed string);
# counts into $pass and $fail.
pass=0
fail=0

expect() {
	name=$1 want_status=$2 want=$3
	shift 4
	out=$($POSTERN "$@" 2>&1)
	status=$?
	if [ "$status" -ne "$want_status" ]; then
		echo "FAIL $name: exit $status, expected $want_status"; echo "$out"
		fail=$((fail + 1))
	elif ! printf '%s\n' "$out" | grep -qF -- "$want"; then
		echo "FAIL $name: output lacks \"$want\""; echo "$out"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}
