#!/usr/bin/perl
# checksrc.pl - Postern's source style rules, enforced (see STYLE.md 2)
#
# Reports file:line:col: RULE: text for
#   LONGLINE       lines over 79 columns (tabs at 8)
#   ASSIGNINCOND   assignment inside if/while condition without parens
#                  around it, e.g. "if (x = f())" (we write
#                  "if ((x = f()) != ...)")
#   TYPEDEFSTRUCT  typedef struct / typedef enum
#   BANNEDFUNC     strcpy strcat strncpy sprintf vsprintf gets atoi strtok
#   TRAILINGSPACE  white space at the end of a line
#   HEADER         a .c file that does not open with a NAME block
# Exit status 1 when anything is reported.
use strict;
use warnings;

my %banned = map { $_ => 1 }
    qw(strcpy strcat strncpy sprintf vsprintf gets atoi strtok);
my $errors = 0;

sub report {
    my ($file, $line, $col, $rule, $text) = @_;
    print "$file:$line:$col: $rule: $text\n";
    $errors++;
}

for my $file (@ARGV) {
    open(my $fh, '<', $file) or die "$file: $!\n";
    my $n = 0;
    my $first = '';
    while (my $l = <$fh>) {
        $n++;
        chomp $l;
        $first .= $l . "\n" if $n <= 3;
        my $exp = $l;
        1 while $exp =~ s/^([^\t]*)\t/$1 . (' ' x (8 - length($1) % 8))/e;
        report($file, $n, 80, 'LONGLINE', length($exp) . ' columns')
            if length($exp) > 79;
        report($file, $n, length($l), 'TRAILINGSPACE', 'white space at end')
            if $l =~ /[ \t]$/;
        report($file, $n, 1, 'TYPEDEFSTRUCT', 'typedef of a struct or enum')
            if $l =~ /\btypedef\s+(struct|enum|union)\b[^(]*$/;
        # strip strings and comments before looking at code
        (my $code = $l) =~ s/"(?:[^"\\]|\\.)*"/""/g;
        $code =~ s{/\*.*?\*/}{}g;
        $code =~ s{^\s*\*.*}{};
        while ($code =~ /\b([a-z_]+)\s*\(/g) {
            report($file, $n, pos($code) - length($1), 'BANNEDFUNC',
                   "$1() is banned") if $banned{$1};
        }
        if ($code =~ /\b(if|while)\s*\(\s*[A-Za-z_][\w\->.\[\]]*\s*=[^=]/) {
            report($file, $n, 1, 'ASSIGNINCOND',
                   'assignment in condition needs its own parentheses');
        }
    }
    close($fh);
    report($file, 1, 1, 'HEADER', 'no man-page header (NAME) at the top')
        if $file =~ /\.c$/ && $first !~ /^\/\*\n \* NAME\n/;
}
exit($errors ? 1 : 0);
