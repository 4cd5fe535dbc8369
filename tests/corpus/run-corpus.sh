#!/bin/sh
# run-corpus.sh - the Received corpus, read in place from ../shared
if [ ! -f "$SHARED_DIR/corpus/received/corpus.jsonl" ]; then
	echo "run-corpus: no corpus in $SHARED_DIR/corpus/received" \
	     "(set SHARED_DIR to the shared/ directory)" >&2
	exit 1
fi
exec ${VALGRIND:-} "$top_builddir/tests/corpus/corpus-runner" \
	"$SHARED_DIR/corpus/received"
