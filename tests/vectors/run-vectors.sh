#!/bin/sh
# run-vectors.sh - the golden envelope vectors, read in place from ../shared
if [ ! -f "$SHARED_DIR/vectors/address-vectors.jsonl" ]; then
	echo "run-vectors: no vectors in $SHARED_DIR/vectors" \
	     "(set SHARED_DIR to the shared/ directory)" >&2
	exit 1
fi
exec ${VALGRIND:-} "$top_builddir/tests/vectors/vector-runner" \
	"$SHARED_DIR/vectors"
