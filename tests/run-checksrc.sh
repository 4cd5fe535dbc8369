#!/bin/sh
# run-checksrc.sh - style rules over every C file of the tree
cd "$top_srcdir" || exit 1
files=$(find common cli policyd milter tests -name '*.[ch]' 2>/dev/null | sort)
perl tests/checksrc.pl $files && echo "checksrc: $(echo $files | wc -w) files clean"
