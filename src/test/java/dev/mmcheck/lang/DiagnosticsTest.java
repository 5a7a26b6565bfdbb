package dev.mmcheck.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmcheck.TestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets file:line:col, the source line and a caret: one case per kind of error. */
class DiagnosticsTest {
    private static final String HEADER = """
            scenario "t"
            kernel "2.6.20"
            cpus 2
            file f { pages 1; buffers 1; }
            mm A { map f shared writable at 0; }
            check data_integrity
            expect holds
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unknown routine      | thread k on cpu 1 { no_such_routine(f); }                         | 8:21 | unknown routine 'no_such_routine'
            wrong argument count | fn g(a, b) { return a; } thread k on cpu 1 { x = g(1); }         | 8:50 | g takes 2 arguments, not 1
            recursion            | fn g(a) { g(a); } thread k on cpu 1 { g(1); }                      | 8:11 | recursion: g -> g
            mutual recursion     | fn g(a) { h(a); } fn h(a) { g(a); } thread k on cpu 1 { g(1); }     | 8:29 | recursion: g -> h -> g
            type error           | thread k on cpu 1 { x = pte_dirty(f[0]); }                          | 8:35 | argument 1 of pte_dirty must be pte_t, not page
            type error on assign | thread k on cpu 1 { x = 1; x = f[0]; }                              | 8:32 | 'x' is int, this value is page
            unterminated block   | thread k on cpu 1 { x = 1;                                          | 8:19 | unterminated block
            unknown name         | thread k on cpu 1 { x = y; }                                        | 8:25 | unknown name 'y'
            store without mm     | thread k on cpu 1 { store f[0].0 = 1; }                             | 8:21 | has no address space
            no such cpu          | thread k on cpu 5 { x = 1; }                                        | 8:17 | no cpu 5
            missing semicolon    | thread k on cpu 1 { x = 1 }                                         | 8:27 | expected ';'
            unknown variant      | use page_mkclean_one "2.4.0" thread k on cpu 1 { x = 1; }          | 8:22 | has no variant "2.4.0"
            bad bound            | bound evictions -1 thread k on cpu 1 { x = 1; }                     | 8:17 | expected bound
            file mapped twice    | mm B { map f shared writable at 0; map f shared writable at 4; } thread k on cpu 1 in B { store f[0].0 = 1; } | 8:97 | maps f twice
            user access, no mm   | thread k on cpu 1 { x = __hw_load(A, 0, 0); }                       | 8:25 | runs in no address space
            kernel not a version | kernel "2.6.20-rc3" thread k on cpu 1 { x = 1; }                   | 8:8 | is not a kernel version
            goto without label   | thread k on cpu 1 { goto out; }                                     | 8:21 | no label 'out' in k
            goto into atomic     | thread k on cpu 1 { goto in; atomic { in: x = 1; } }                | 8:21 | cannot jump into or out of an atomic
            label twice          | thread k on cpu 1 { a: x = 1; a: x = 2; }                          | 8:31 | label a is defined twice
            unknown C type       | thread k on cpu 1 { struct inode *i; }                             | 8:35 | mmcheck has no type for struct inode*
            redeclared type      | thread k on cpu 1 { int x = 1; pte_t *x; }                          | 8:39 | already a local of type int
            arms of ?: differ    | thread k on cpu 1 { x = 1 ? f[0] : 2; }                             | 8:27 | the arms of '?:' are page and int
            routine named like a primitive | fn set_pte_at(mm, a, p, e) { return 0; } thread k on cpu 1 { x = 1; } | 8:1 | is a primitive of the machine
            redeclared out-parameter | fn g(p) { int p = 3; } thread k on cpu 1 { int y; g(&y); }    | 8:15 | is an out-parameter of g
            assigned out-parameter | fn g(p) { p = 3; } thread k on cpu 1 { int y; g(&y); }           | 8:11 | is an out-parameter
            """)
    void reportsPosition(String what, String tail, String lineCol, String message) {
        String text = HEADER + tail + "\n";
        assertThatThrownBy(() -> TestSupport.compile("bad.mmt", text))
                .isInstanceOfSatisfying(MmtError.class, e -> {
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.render()).startsWith("bad.mmt:" + lineCol + ": ");
                    assertThat(e.render()).contains("\n    " + text.lines().toList().get(e.pos().line() - 1));
                    assertThat(e.render().lines().toList().get(2)).endsWith("^");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unterminated comment | /* never closed         | 1:1 | unterminated comment
            unterminated string  | scenario "t             | 1:10 | unterminated string
            stray character      | scenario "t" cpus 1 @   | 1:21 | unexpected character '@'
            unknown item         | scenario "t" colour red | 1:14 | unknown scenario item 'colour'
            """)
    void lexicalAndHeaderErrors(String what, String text, String lineCol, String message) {
        assertThatThrownBy(() -> Parser.parse(new SourceFile("bad.mmt", text)))
                .isInstanceOfSatisfying(MmtError.class, e -> {
                    assertThat(e.render()).startsWith("bad.mmt:" + lineCol + ": ");
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
