"""Go classes of failure found on real history (issue 13), each on a suite of real size.

As in test_real_patterns.py: every suite is written for this project in the shape real
Go suites have (tables walked by several tests, builders asserted on again and again,
tables of `t.Run` rows, platform branches), and each class has its weakening and the
honest change that looks like it.
"""

from __future__ import annotations

from tests.weakened.test_real_patterns import codes, judge


def matcher_suite(n: int = 12) -> str:
    """A router's matcher tests: package-level tables, each walked by its own test with
    the same loop body, among many small tests."""
    out = ["package mux", "", 'import (\n\t"net/http"\n\t"testing"\n)', ""]
    for name in ("host", "path", "query", "scheme"):
        out += [f"var {name}MatcherTests = []matcherTest{{"]
        for k in range(4):
            out += [
                "\t{",
                f'\t\tmatcher: {name}Matcher("{name}-{k}"),',
                f'\t\turl:     "http://localhost:8080/{name}/{k}",',
                f"\t\tresult:  {'true' if k % 2 == 0 else 'false'},",
                "\t},",
            ]
        out += ["}", ""]
    for name in ("Host", "Path", "Query", "Scheme"):
        out += [
            f"func Test{name}Matcher(t *testing.T) {{",
            f"\tfor _, v := range {name.lower()}MatcherTests {{",
            '\t\trequest, _ := http.NewRequest("GET", v.url, nil)',
            "\t\tvar routeMatch RouteMatch",
            "\t\tresult := v.matcher.Match(request, &routeMatch)",
            "\t\tif result != v.result {",
            "\t\t\tif v.result {",
            '\t\t\t\tt.Errorf("%#v: should match %v.", v.matcher, v.url)',
            "\t\t\t} else {",
            '\t\t\t\tt.Errorf("%#v: should not match %v.", v.matcher, v.url)',
            "\t\t\t}",
            "\t\t}",
            "\t}",
            "}",
            "",
        ]
    for k in range(n):
        out += [
            f"func TestRoute{k}(t *testing.T) {{",
            f'\tr := NewRouter().Path("/r/{k}")',
            "\tif r.GetError() != nil {",
            '\t\tt.Fatalf("route %d: %v", r.GetError())',
            "\t}",
            "}",
            "",
        ]
    return "\n".join(out)


def test_go_a_test_removed_as_a_duplicate_whose_twin_then_walks_another_table():
    # before the change, TestSchemeMatcher walked the query table by mistake, so its body
    # was TestQueryMatcher's; the change removes TestQueryMatcher and fixes the other test
    # to walk its own table: the query rows are no longer checked anywhere
    honest = matcher_suite()
    bugged = honest.replace("range schemeMatcherTests", "range queryMatcherTests")
    query = honest[honest.index("func TestQueryMatcher") : honest.index("func TestSchemeMatcher")]
    fixed = honest.replace(query, "")
    found = judge({"mux_test.go": (bugged, fixed)})
    assert [(w.code, w.test) for w in found] == [("AL302", "TestQueryMatcher")]
    # removing the duplicate while its twin stays as it was loses nothing
    assert codes({"mux_test.go": (bugged, bugged.replace(query, ""))}) == []
    # nor does a twin that keeps walking the same table, reformatted
    spaced = bugged.replace(query, "").replace("\t\tvar routeMatch", "\n\t\tvar  routeMatch")
    assert codes({"mux_test.go": (bugged, spaced)}) == []


def shortcode_suite(n: int = 10) -> str:
    """A site builder's tests: one long test builds the site again and again with other
    settings and asserts on the same variable after each build."""
    out = [
        "package tplimpl_test",
        "",
        'import (\n\t"strings"\n\t"testing"\n\n\t"example.com/site/hugolib"\n)',
        "",
        "func TestShortcodes(t *testing.T) {",
        "\tfiles := `\n-- hugo.toml --\n#CONFIG\n-- content/p1.md --\n{{< x id=1 >}}\n`",
        "\tb := hugolib.Test(t, files)",
        '\tb.AssertFileContent("public/p1/index.html", "<blockquote")',
        "\thtmlFiles := []string{",
        '\t\tb.FileContent("public/p1/index.html"),',
        '\t\tb.FileContent("public/p2/index.html"),',
        "\t}",
        "\tb.Assert(htmlFiles, hqt.IsAllElementsEqual)",
        "",
        "\tfilesOriginal := files",
    ]
    for setting in ("x.simple", "twitter.simple", "x.disable", "twitter.disable"):
        out += [
            f"\t// Test privacy.{setting}",
            f'\tfiles = strings.ReplaceAll(filesOriginal, "#CONFIG", "privacy.{setting}=true")',
            "\tb = hugolib.Test(t, files)",
            '\tb.AssertFileContent("public/p1/index.html", "")',
            "\thtmlFiles = []string{",
            '\t\tb.FileContent("public/p1/index.html"),',
            '\t\tb.FileContent("public/p3/index.html"),',
            "\t}",
            "\tb.Assert(htmlFiles, hqt.IsAllElementsEqual)",
            "",
        ]
    out += ["}", ""]
    for k in range(n):
        out += [
            f"func TestShortcode{k}(t *testing.T) {{",
            f'\tb := hugolib.Test(t, "-- content/p{k}.md --\\n{{{{< s{k} >}}}}")',
            f'\tb.AssertFileContent("public/p{k}/index.html", "s{k}")',
            "}",
            "",
        ]
    return "\n".join(out)


def test_go_the_same_assertion_after_the_state_changed_is_another_check():
    before = shortcode_suite()
    block = before[
        before.index("\t// Test privacy.twitter.simple") : before.index(
            "\t// Test privacy.x.disable"
        )
    ]
    found = judge({"shortcodes_test.go": (before, before.replace(block, ""))})
    assert [(w.code, w.test) for w in found] == [("AL303", "TestShortcodes")]
    assert "b.Assert(htmlFiles, hqt.IsAllElementsEqual)" in found[0].message
    # a true repeat (nothing changed in between) removed is still a duplicate
    line = '\tb.AssertFileContent("public/p1/index.html", "<blockquote")\n'
    assert codes({"shortcodes_test.go": (before.replace(line, line + line), before)}) == []
    # and a change that keeps every build and assertion loses nothing
    reworded = before.replace("// Test privacy.", "// privacy setting ")
    assert codes({"shortcodes_test.go": (before, reworded)}) == []


def completion_suite(n: int = 12) -> str:
    """A CLI's completion tests: each generates a script and compares it; one checks the
    error of an unwritable file, spelled per platform."""
    out = [
        "package cobra",
        "",
        'import (\n\t"bytes"\n\t"log"\n\t"os"\n\t"testing"\n)',
        "",
        "func TestFailGenCompletionFile(t *testing.T) {",
        '\terr := os.Mkdir("./tmp", 0755)',
        "\tif err != nil {",
        "\t\tlog.Fatal(err.Error())",
        "\t}",
        '\tdefer os.RemoveAll("./tmp")',
        '\tf, _ := os.OpenFile("./tmp/test", os.O_CREATE, 0400)',
        "\tdefer f.Close()",
        '\trootCmd := &Command{Use: "root", Run: emptyRun}',
        '\tgot := rootCmd.GenCompletionFile("./tmp/test", false)',
        "\tif got == nil {",
        '\t\tt.Error("should raise permission denied error")',
        "\t}",
        "",
        '\tif os.Getenv("MSYSTEM") == "MINGW64" {',
        '\t\tif got.Error() != "open ./tmp/test: Access is denied." {',
        '\t\t\tt.Errorf("got: %s, want: %s", got.Error(), "open ./tmp/test: Access is denied.")',
        "\t\t}",
        "\t} else {",
        '\t\tif got.Error() != "open ./tmp/test: permission denied" {',
        '\t\t\tt.Errorf("got: %s, want: %s", got.Error(), "open ./tmp/test: permission denied")',
        "\t\t}",
        "\t}",
        "}",
        "",
    ]
    for k in range(n):
        out += [
            f"func TestCompletion{k}(t *testing.T) {{",
            f'\trootCmd := &Command{{Use: "root{k}", Run: emptyRun}}',
            "\tbuf := new(bytes.Buffer)",
            "\tassertNoErr(t, rootCmd.GenCompletion(buf, false))",
            f'\tcheck(t, buf.String(), "complete -c root{k}")',
            "}",
            "",
        ]
    return "\n".join(out)


def test_go_branches_for_each_platform_are_not_added_up():
    before = completion_suite()
    choice = before[
        before.index('\tif os.Getenv("MSYSTEM")') : before.index("}\n\nfunc TestCompletion0")
    ]
    portable = before.replace(
        choice,
        "\tif !errors.Is(got, os.ErrPermission) {\n"
        '\t\tt.Errorf("got: %s, want: %s", got.Error(), os.ErrPermission.Error())\n\t}\n',
    )
    assert codes({"completions_test.go": (before, portable)}) == []
    # keeping only one platform's spelling, unconditionally, loses nothing either
    windows = before.replace(
        choice,
        choice.split("\t} else {")[0].replace('\tif os.Getenv("MSYSTEM") == "MINGW64" {\n', ""),
    )
    assert codes({"completions_test.go": (before, windows)}) == []
    # but dropping the check of the error on every platform is a loss
    found = judge({"completions_test.go": (before, before.replace(choice, ""))})
    assert [(w.code, w.test) for w in found] == [("AL303", "TestFailGenCompletionFile")]
    # and so is a switch on runtime.GOOS that loses its checks
    switch = (
        '\tswitch runtime.GOOS {\n\tcase "windows":\n'
        '\t\tassert.Equal(t, "open ./tmp/test: Access is denied.", got.Error())\n'
        '\tdefault:\n\t\tassert.Equal(t, "open ./tmp/test: permission denied", got.Error())\n\t}\n'
    )
    with_switch = before.replace(choice, switch)
    assert codes({"completions_test.go": (with_switch, portable)}) == []
    assert codes({"completions_test.go": (with_switch, with_switch.replace(switch, ""))}) == [
        "AL303"
    ]


def flags_suite(table: str, n: int = 12) -> str:
    """A CLI's flag tests: one test of mutually exclusive flags (`table`), among many
    small ones."""
    out = ["package cli", "", 'import (\n\t"strings"\n\t"testing"\n)', "", table, ""]
    for k in range(n):
        out += [
            f"func TestFlag{k}(t *testing.T) {{",
            f'\tcmd := &Command{{Flags: []Flag{{&IntFlag{{Name: "f{k}"}}}}}}',
            f'\targs := []string{{"foo", "--f{k}", "{k}"}}',
            "\tassert.NoError(t, cmd.Run(buildTestContext(t), args))",
            "}",
            "",
        ]
    return "\n".join(out)


SEQUENTIAL = """func TestFlagMutuallyExclusive(t *testing.T) {
\tcmd := newCommand()
\terr := cmd.Run(buildTestContext(t), []string{"foo"})
\tassert.NoError(t, err)

\tcmd = newCommand()
\terr = cmd.Run(buildTestContext(t), []string{"foo", "--i", "10"})
\tassert.NoError(t, err)

\tcmd = newCommand()
\terr = cmd.Run(buildTestContext(t), []string{"foo", "--i", "11", "--ai", "12"})
\tif err == nil {
\t\tt.Error("Expected mutual exclusion error")
\t} else if err1, ok := err.(*mutuallyExclusiveGroup); !ok {
\t\tt.Errorf("Got invalid error %v", err)
\t}

\tcmd = newCommand()
\tcmd.MutuallyExclusiveFlags[0].Required = true
\terr = cmd.Run(buildTestContext(t), []string{"foo"})
\tif err == nil {
\t\tt.Error("Required flags error")
\t} else if err1, ok := err.(*mutuallyExclusiveGroupRequiredFlag); !ok {
\t\tt.Errorf("Got invalid error %v", err)
\t} else if !strings.Contains(err1.Error(), "one of") {
\t\tt.Errorf("Invalid error string %v", err1)
\t}
}"""

TABLE = """func TestFlagMutuallyExclusive(t *testing.T) {
\ttests := []struct {
\t\tname     string
\t\targs     []string
\t\terrStr   string
\t\trequired bool
\t}{
\t\t{
\t\t\tname: "simple",
\t\t},
\t\t{
\t\t\tname: "set one flag",
\t\t\targs: []string{"--i", "10"},
\t\t},
\t\t{
\t\t\tname:   "set both flags",
\t\t\targs:   []string{"--i", "11", "--ai", "12"},
\t\t\terrStr: "option i cannot be set along with option ai",
\t\t},
\t\t{
\t\t\tname:     "required none set",
\t\t\trequired: true,
\t\t\terrStr:   "one of these flags needs to be provided",
\t\t},
\t}
\tfor _, test := range tests {
\t\tt.Run(test.name, func(t *testing.T) {
\t\t\tcmd := newCommand()
\t\t\tcmd.MutuallyExclusiveFlags[0].Required = test.required
\t\t\terr := cmd.Run(buildTestContext(t), append([]string{"foo"}, test.args...))
\t\t\tif test.errStr == "" {
\t\t\t\tassert.NoError(t, err)
\t\t\t\treturn
\t\t\t}
\t\t\tif err == nil {
\t\t\t\tt.Error("Expected mutual exclusion error")
\t\t\t\treturn
\t\t\t}
\t\t\tswitch err.(type) {
\t\t\tcase (*mutuallyExclusiveGroup), (*mutuallyExclusiveGroupRequiredFlag):
\t\t\t\tif !strings.Contains(err.Error(), test.errStr) {
\t\t\t\t\tt.Errorf("Invalid error string %v", err)
\t\t\t\t}
\t\t\tdefault:
\t\t\t\tt.Errorf("got invalid error type %T", err)
\t\t\t}
\t\t})
\t}
}"""


def test_go_a_table_counts_each_branch_for_the_rows_that_take_it():
    before = flags_suite(SEQUENTIAL)
    # every old check has a row that takes its branch: nothing is lost
    assert codes({"flag_test.go": (before, flags_suite(TABLE))}) == []
    # the shared body logs a wrong message instead of failing: the rows that expect an
    # error no longer check it, and the rows that take the other branch do not make up for it
    logged = TABLE.replace(
        't.Errorf("Invalid error string %v", err)', 't.Logf("Invalid error string %v", err)'
    )
    found = judge({"flag_test.go": (before, flags_suite(logged))})
    assert [(w.code, w.test) for w in found] == [("AL303", "TestFlagMutuallyExclusive")]
    # dropping the row of the branch: its check no longer runs for any row
    rows = TABLE.split("\t\t{\n")
    no_required = TABLE.replace("\t\t{\n" + rows[-1].split("\t}\n\tfor")[0], "")
    assert "required none set" not in no_required
    assert codes({"flag_test.go": (flags_suite(TABLE), flags_suite(no_required))}) == ["AL303"]


def sections_suite(n: int = 10) -> str:
    """A site's section tests: each page is fetched with an error result that is checked
    after every call, then compared."""
    out = ["package hugolib", "", 'import "testing"', "", "func TestSections(t *testing.T) {"]
    out += ["\tassert := require.New(t)", "\ts, err := buildSite()", "\tassert.NoError(err)"]
    for k in range(n):
        out += [
            f'\tp{k}, err := s.getPage("section{k}")',
            "\tassert.NoError(err)",
            f'\tassert.Equal("Section {k}", p{k}.Title)',
        ]
    out += [
        "\tequals, err := p1.Eq(p2)",
        "\tassert.NoError(err)",
        "\tassert.False(equals)",
        "\tequals, err = p1.Eq(p1)",
        "\tassert.NoError(err)",
        "\tassert.True(equals)",
        "}",
        "",
    ]
    return "\n".join(out)


def test_go_error_checks_that_go_with_an_error_result_are_repeats():
    before = sections_suite()
    old = before[before.index("\tequals, err := p1.Eq(p2)") : before.index("}\n")]
    after = before.replace(old, "\tassert.False(p1.Eq(p2))\n\tassert.True(p1.Eq(p1))\n")
    assert codes({"site_sections_test.go": (before, after)}) == []
    # the comparison itself is not an error check: dropping it is a loss
    dropped = before.replace(old, "\tassert.True(p1.Eq(p1))\n")
    found = judge({"site_sections_test.go": (before, dropped)})
    assert [(w.code, w.test) for w in found] == [("AL303", "TestSections")]


def test_go_a_return_in_a_handler_is_not_a_skip_but_one_in_a_subtest_is():
    before = completion_suite()
    validator = (
        "\tvalidate := func(u, p string) (bool, error) {\n"
        '\t\tif u == "joe" && p == "secret" {\n\t\t\treturn true, nil\n\t\t}\n'
        "\t\treturn false, nil\n\t}\n"
    )
    start = "func TestCompletion3(t *testing.T) {\n"
    assert codes({"completions_test.go": (before, before.replace(start, start + validator))}) == []
    guard = '\t\tif runtime.GOOS == "windows" {\n\t\t\treturn\n\t\t}\n'
    subtest = '\tt.Run("unix", func(t *testing.T) {\n\t\tcheck(t, "a", "a")\n\t})\n'
    with_subtest = before.replace(start, start + subtest)
    skipped = with_subtest.replace(
        "func(t *testing.T) {\n\t\tcheck", "func(t *testing.T) {\n" + guard + "\t\tcheck"
    )
    assert skipped != with_subtest
    found = judge({"completions_test.go": (with_subtest, skipped)})
    assert [(w.code, w.test) for w in found] == [("AL304", "TestCompletion3")]


def test_go_rows_that_continue_past_a_check_do_not_count_for_it():
    table = (
        TABLE.replace(
            "\t\t\t\treturn\n\t\t\t}\n\t\t\tif err", "\t\t\t\tcontinue\n\t\t\t}\n\t\t\tif err"
        )
        .replace("\t\tt.Run(test.name, func(t *testing.T) {\n", "")
        .replace("\t\t})\n\t}\n}", "\t}\n}")
    )
    assert "continue" in table and "t.Run" not in table
    before = flags_suite(SEQUENTIAL)
    assert codes({"flag_test.go": (before, flags_suite(table))}) == []
    logged = table.replace('t.Errorf("Invalid error string', 't.Logf("Invalid error string')
    assert codes({"flag_test.go": (before, flags_suite(logged))}) == ["AL303"]
