"""Judge a whole change: which tests check less than before, and which markers were added.

1. Tests are paired across the change: same file and name, then same name in any file
   (moved), then most shared checks (renamed).
2. Checks are pooled over the whole change, so a check that moved to another test or
   file, or into a helper, is not lost. Only what the change removed from the pool is
   charged, to the tests that lost it.
3. What a test lost can be made up by checks of at least the same strength that its own
   pair gained (rewritten, extracted into a helper). What a removed test lost can be made
   up by checks gained anywhere (merged into a parametrized or table test). Checks a test
   gained elsewhere never make up for a test that stayed and lost checks.
4. Markers (skip, focus, tautology, swallowed failure) are reported when added, following
   a test through a move or rename.

A test with no check it can name "runs" (an implicit weak check), but running is not
checking: that implicit check never makes up a real one. A check that runs only under a
condition (see collect.guarded) is weaker than any that always runs; the same check run
unconditionally makes it up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet

from agentlint import regex, structs
from agentlint.weakened.model import EXACT, GUARD, GUARDED, STRONG, WEAK, Check, Event, Parsed, Test

_MAX_OVERLAP_PAIRING = 400  # tests left unpaired by name; beyond it, renames are not traced


class FileDiff(structs.Struct):
    path: str  # after the change (before it, when deleted)
    old_path: str | None  # before a rename
    deleted: bool
    before: Parsed
    after: Parsed


class Weakening(structs.Struct):
    code: str
    path: str
    line: int | None
    test: str
    message: str


_ITSELF = "the test itself"  # the text of the implicit check of a test that names none
_DEEP = "an expression is nested too deeply to measure"  # hostile, so it fails closed
_CODES = {"skip": "AL304", "focus": "AL305", "tautology": "AL306", "swallowed": "AL307"}


# the after side's files that may hold one of these groups of checks (each a removed
# test's) again, measured (see _still_checked)
Elsewhere = Callable[[Sequence[Sequence[Check]]], Iterable[Parsed]]


def compare(files: list[FileDiff], elsewhere: Elsewhere | None = None) -> list[Weakening]:
    found = _unreadable(files)
    # a file that cannot be measured after the change is reported once, as a whole
    before = [(f, _runs(t)) for f in files if not f.after.error for t in f.before.tests]
    after = [(f, _runs(t)) for f in files for t in f.after.tests]
    pairs = _pair(before, after)
    quiet = _skipped_new(files, after, pairs)
    found += _losses(*_changed(before, after, pairs, quiet), elsewhere)
    found += _markers(files, before, after, pairs)
    return found


def _changed(
    before: list[tuple[FileDiff, Test]],
    after: list[tuple[FileDiff, Test]],
    pairs: dict[int, int],
    quiet: set[int],
) -> tuple[
    list[tuple[FileDiff, Test]], list[tuple[FileDiff, Test]], dict[int, int], set[int], set[int]
]:
    """The tests the change touched, with their pairs, the new tests that are quiet and
    the exact duplicates removed: a test that is the same on both sides (most of a
    large file) neither loses nor gains, so it is left out of the counting."""
    same = {
        n
        for n, m in pairs.items()
        if m not in quiet and before[n][1].checks == after[m][1].checks and not before[n][1].idle
    }
    duplicates = _duplicates(before, after, pairs, quiet)
    if not same:
        return before, after, pairs, quiet, duplicates
    gone = {pairs[n] for n in same}
    keep_b = [n for n in range(len(before)) if n not in same]
    keep_a = [m for m in range(len(after)) if m not in gone]
    new_b = {n: k for k, n in enumerate(keep_b)}
    new_a = {m: k for k, m in enumerate(keep_a)}
    return (
        [before[n] for n in keep_b],
        [after[m] for m in keep_a],
        {new_b[n]: new_a[m] for n, m in pairs.items() if n in new_b},
        {new_a[m] for m in quiet if m in new_a},
        {new_b[n] for n in duplicates if n in new_b},
    )


def _runs(test: Test) -> Test:
    """A test with no check it can name still runs its code (a panic or an exception
    fails it): it counts as one weak check, which the same test moved or renamed keeps.
    A test in which nothing can fail (an empty body, `expect(t, true, true)`) checks
    nothing: removing it loses nothing."""
    if test.checks or test.idle:
        return test
    what = Check(f"<runs {test.body or test.name}>", WEAK, test.line, _ITSELF, 1, "<runs>")
    return test._replace(checks=(what,))


def _unreadable(files: list[FileDiff]) -> list[Weakening]:
    return [
        Weakening(
            "AL303",
            f.path,
            f.after.error[0],
            "",
            f"its tests cannot be measured any more ({f.after.error[1]}), so they are taken "
            "to check nothing; fix the file",
        )
        for f in files
        if f.after.error and ((not f.before.error and f.before.tests) or f.after.error[1] == _DEEP)
    ]


def _counts(test: Test) -> Counter[str]:
    counts: Counter[str] = Counter()
    for check in test.checks:
        counts[check.sig] += check.times
    return counts


def _form_counts(test: Test) -> Counter[str]:
    counts: Counter[str] = Counter()
    for check in test.checks:
        counts[_unguarded(check.form)] += 1
    return counts


def _unguarded(form: str) -> str:
    """The form of a check without the condition it runs under (see collect.guarded)."""
    return form.removeprefix(GUARD)


def _pair(
    before: list[tuple[FileDiff, Test]], after: list[tuple[FileDiff, Test]]
) -> dict[int, int]:
    pairs: dict[int, int] = {}
    by_place = {(f.path, t.name): n for n, (f, t) in enumerate(after)}
    used: set[int] = set()
    for n, (f, t) in enumerate(before):
        m = by_place.get((f.path, t.name))
        if m is not None and m not in used:
            pairs[n] = m
            used.add(m)
    taken = set(pairs.values())
    left_b = [n for n in range(len(before)) if n not in pairs]
    left_a = [m for m in range(len(after)) if m not in taken]
    names_b = Counter(before[n][1].name for n in left_b)
    names_a = {after[m][1].name: m for m in left_a}
    counts_a = Counter(after[m][1].name for m in left_a)
    for n in left_b:  # moved to another file (the first of same-named tests)
        name = before[n][1].name
        if counts_a[name] == 1 and names_b[name] >= 1:
            pairs[n] = names_a[name]
            counts_a[name] = 0
    _pair_short_names(before, after, pairs)
    _pair_typos(before, after, pairs)
    taken = set(pairs.values())
    left_b = [n for n in range(len(before)) if n not in pairs and before[n][1].checks]
    left_a = [m for m in range(len(after)) if m not in taken and after[m][1].checks]
    if len(left_b) * len(left_a) > _MAX_OVERLAP_PAIRING**2:
        return pairs
    sigs_a = {m: _form_counts(after[m][1]) for m in left_a}
    for n in left_b:  # renamed: the unpaired test that shares most of its checks
        mine = _form_counts(before[n][1])
        total = sum(mine.values())
        best, best_overlap = None, 0
        for m in left_a:
            if m in taken:
                continue
            overlap = sum((mine & sigs_a[m]).values())
            if overlap > best_overlap:
                best, best_overlap = m, overlap
        if best is not None and best_overlap * 2 >= total:
            pairs[n] = best
            taken.add(best)
    return pairs


def _short(name: str) -> str:
    return name.rsplit(" > ", 1)[-1].rsplit(".", 1)[-1]


def _pair_short_names(
    before: list[tuple[FileDiff, Test]], after: list[tuple[FileDiff, Test]], pairs: dict[int, int]
) -> None:
    """Tests moved to another class or describe block keep their own name."""
    taken = set(pairs.values())
    left_b = [n for n in range(len(before)) if n not in pairs]
    left_a = [m for m in range(len(after)) if m not in taken]
    count_b = Counter(_short(before[n][1].name) for n in left_b)
    count_a = Counter(_short(after[m][1].name) for m in left_a)
    by_name = {_short(after[m][1].name): m for m in left_a}
    for n in left_b:
        name = _short(before[n][1].name)
        if count_b[name] == 1 and count_a[name] == 1:
            pairs[n] = by_name[name]


def _pair_typos(
    before: list[tuple[FileDiff, Test]], after: list[tuple[FileDiff, Test]], pairs: dict[int, int]
) -> None:
    """A test renamed to fix a typo (`CrrectResult` to `CorrectResult`) in the same file:
    names alike but for a letter or two, and not numbered siblings (`Parse1`, `Parse2`)."""
    taken = set(pairs.values())
    left_b = [n for n in range(len(before)) if n not in pairs]
    left_a = [m for m in range(len(after)) if m not in taken]
    if not left_b or not left_a or len(left_b) * len(left_a) > _MAX_OVERLAP_PAIRING:
        return
    for n in left_b:
        f, t = before[n]
        for m in left_a:
            g, u = after[m]
            if m in taken or f.path != g.path or not _alike(t.name, u.name):
                continue
            pairs[n] = m
            taken.add(m)
            break


def _alike(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 8 or abs(len(a) - len(b)) > 2:
        return False
    if regex.compile(r"\d+").sub("", a) == regex.compile(r"\d+").sub("", b):
        return False
    import difflib  # here: it imports `re`, which a hook otherwise never needs (agentlint.regex)

    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def _spread(
    totals_mine: Counter[str],
    totals_other: Counter[str],
    mine: list[Counter[str]],
    partner: dict[int, Counter[str]],
) -> list[Counter[str]]:
    """Charge what one side has more of than the other, sig by sig, to the tests that have
    more of it than their pair (unpaired tests first: they lost or gained all of theirs)."""
    charged: list[Counter[str]] = [Counter() for _ in mine]
    for sig, total in totals_mine.items():
        excess = total - totals_other.get(sig, 0)
        if excess <= 0:
            continue
        holders = []
        for n, counts in enumerate(mine):
            local = counts.get(sig, 0) - partner.get(n, Counter()).get(sig, 0)
            if local > 0:
                holders.append((n in partner, n, local))
        for _, n, local in sorted(holders):
            take = min(local, excess)
            charged[n][sig] += take
            excess -= take
            if not excess:
                break
    return charged


def _match_forms(
    deficit: Counter[str],
    surplus: Counter[str],
    forms: dict[str, str],
    strengths: dict[str, int],
    *,
    same: bool = False,
) -> None:
    """Make up lost checks with gained checks of the same form (the same check after a
    parametrize or table conversion, a rename of variables, a change of style), strong
    only by strong."""
    if not deficit or not surplus:
        return
    by_form: dict[str, list[str]] = {}
    for sig, count in surplus.items():
        if count > 0:
            by_form.setdefault(forms[sig], []).append(sig)
    for candidates in by_form.values():
        candidates.sort(key=lambda s: strengths[s])  # the weakest that will do, first
    for sig in sorted(deficit, key=lambda s: -strengths[s]):  # the strongest first
        candidates = by_form.get(forms[sig], [])
        if forms[sig].startswith(GUARD):  # the same check, now run unconditionally
            candidates = [*candidates, *by_form.get(_unguarded(forms[sig]), ())]
        _make_up(sig, candidates, strengths[sig], deficit, surplus, strengths, same=same)


def _match_strength(
    deficit: Counter[str], surplus: Counter[str], strengths: dict[str, int], *, same: bool = False
) -> None:
    """Make up what a test lost with what its own pair gained: strong only by strong,
    weak by either (a rewritten or extracted check)."""
    real = [s for s in surplus if not s.startswith("<runs ")]  # running is not checking
    for want in (EXACT, STRONG, WEAK, GUARDED):
        for sig in [s for s in deficit if strengths[s] == want]:
            candidates = sorted(real, key=lambda s: strengths[s])  # the weakest that will do
            _make_up(sig, candidates, want, deficit, surplus, strengths, same=same)


def _make_up(
    sig: str,
    candidates: Iterable[str],
    need: int,
    deficit: Counter[str],
    surplus: Counter[str],
    strengths: dict[str, int],
    *,
    same: bool = False,
) -> None:
    """Cover the lost check `sig` with the surplus of `candidates` at least `need` strong
    (exactly, when `same`); drop it from `deficit` once it is fully made up."""
    for other in candidates:
        if deficit[sig] <= 0:
            break
        if surplus[other] <= 0 or strengths[other] < need or (same and strengths[other] > need):
            continue
        take = min(deficit[sig], surplus[other])
        deficit[sig] -= take
        surplus[other] -= take
    if deficit[sig] <= 0:
        del deficit[sig]


_LITERAL = regex.compile(r"""[a-zA-Z]?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")


def _match_merged(
    deficit: Counter[str], surplus: Counter[str], old: Test, new: Test, strengths: dict[str, int]
) -> None:
    """Several checks of one subject merged into one of the same form whose expected text
    holds each of theirs (three `'...' in out` on the lines of a help text, then one on
    the joined line): as strict as they were, so nothing is lost."""
    if not deficit or not surplus:
        return
    lost: dict[str, list[tuple[str, list[str]]]] = {}  # skeleton -> (sig, its literals)
    for c in old.checks:
        parts = _skeleton(c)
        if c.sig in deficit and parts is not None and parts[1]:
            lost.setdefault(parts[0], []).append((c.sig, parts[1]))
    for c in new.checks:
        parts = _skeleton(c)
        if surplus[c.sig] <= 0 or parts is None or len(lost.get(parts[0], ())) < 2:
            continue
        into = " ".join(_words(text) for text in parts[1])
        merged = [
            sig
            for sig, texts in lost[parts[0]]
            if deficit[sig] == 1
            and strengths[sig] <= strengths[c.sig]
            and all(_words(t) in into for t in texts)
        ]
        if len(merged) >= 2:
            for sig in merged:
                del deficit[sig]
            surplus[c.sig] -= 1
            lost[parts[0]] = [x for x in lost[parts[0]] if x[0] not in merged]


def _skeleton(check: Check) -> tuple[str, list[str]] | None:
    """A check's one-line text with its string literals cut out, and those literals
    (None when the text is not the whole check, or it runs more than once)."""
    text = check.text
    if check.times != 1 or text.endswith(("...", "(", "[", "{", ",", "\\")):
        return None
    literals = [m.group(1)[1:-1] for m in _LITERAL.finditer(text)]
    if any(not t.strip() for t in literals):
        return None
    return _LITERAL.sub("_", text), literals


def _words(text: str) -> str:
    return " ".join(text.split())


def _duplicates(
    before: list[tuple[FileDiff, Test]],
    after: list[tuple[FileDiff, Test]],
    pairs: dict[int, int],
    quiet: set[int],
) -> set[int]:
    """Unpaired tests whose body repeats a test that stays: removing an exact duplicate
    loses nothing. In the same file, the copy that stays must keep the name (the same test
    written twice) or still make the removed test's checks: a copy renamed and changed to
    check something else (walk another table) leaves the removed test the only one. In
    another file after the change, the copy must have the same name, body and checks (a
    copy kept in two places, its helpers alike)."""
    kept: dict[tuple[str, int], list[tuple[str, Test]]] = {}
    for n, m in pairs.items():
        f, t = before[n]
        if t.body:
            kept.setdefault((f.path, t.body), []).append((t.name, after[m][1]))
    copies = {
        (_short(t.name), t.body, _sigs(t))
        for m, (_, t) in enumerate(after)
        if t.body and t.checks and not t.idle and m not in quiet
    }
    out = set()
    for n, (f, t) in enumerate(before):
        if n in pairs or not t.checks or not t.body:
            continue
        same_file = kept.get((f.path, t.body), ())
        if (
            any(
                name == t.name or now.body == t.body or not _counts(t) - _counts(now)
                for name, now in same_file
            )
            or (_short(t.name), t.body, _sigs(t)) in copies
        ):
            out.add(n)
    return out


def _sigs(test: Test) -> tuple[str, ...]:
    return tuple(c.sig for c in test.checks)


def _repeats(test: Test, kept: Counter[str]) -> Counter[str]:
    """The extra copies of a check written more than once in `test` (the same assertion
    repeated), of which `kept` still holds at least one: removing them loses nothing."""
    copies: Counter[str] = Counter()
    for check in test.checks:
        if check.times == 1:
            copies[check.sig] += 1
    return Counter({sig: n - kept[sig] for sig, n in copies.items() if n > kept[sig] > 0})


def _losses(
    before: list[tuple[FileDiff, Test]],
    after: list[tuple[FileDiff, Test]],
    pairs: dict[int, int],
    quiet_after: set[int],
    duplicates: set[int],
    elsewhere: Elsewhere | None = None,
) -> list[Weakening]:
    # a test that could not fail before (always skipped, expected to fail) loses nothing;
    # one that cannot fail after it has a skip marker, reported as such
    counts_b = [Counter() if t.idle else _counts(t) for _, t in before]
    # and a test that could not fail on either side (or is new and cannot fail) makes up
    # for nothing elsewhere
    was = {m: n for n, m in pairs.items()}
    counts_a = [
        Counter()
        if m in quiet_after or (t.idle and (m not in was or before[was[m]][1].idle))
        else _counts(t)
        for m, (_, t) in enumerate(after)
    ]
    strengths: dict[str, int] = {}
    forms: dict[str, str] = {}
    for _, t in (*before, *after):
        for check in t.checks:
            strengths[check.sig] = max(strengths.get(check.sig, 0), check.strength)
            forms.setdefault(check.sig, check.form)
    for n in duplicates:
        counts_b[n] = Counter()
    for n, m in pairs.items():
        counts_b[n] -= _repeats(before[n][1], counts_a[m])
    total_b: Counter[str] = Counter()
    total_a: Counter[str] = Counter()
    for c in counts_b:
        total_b.update(c)
    for c in counts_a:
        total_a.update(c)
    reverse = {m: n for n, m in pairs.items()}
    lost = _spread(total_b, total_a, counts_b, {n: counts_a[m] for n, m in pairs.items()})
    gained = _spread(total_a, total_b, counts_a, {m: counts_b[n] for m, n in reverse.items()})
    deficits = [Counter(c) for c in lost]
    surpluses = [Counter(c) for c in gained]
    # the same test rewrote its checks: in the same form and strength, in another form of
    # the same strength, in the same form but stronger; then a removed test's checks moved
    # (merged, split) to any test; then a test that stayed rewrote what is left in any
    # stronger form, or it moved from elsewhere
    for n, m in pairs.items():
        _match_merged(deficits[n], surpluses[m], before[n][1], after[m][1], strengths)
        _match_forms(deficits[n], surpluses[m], forms, strengths, same=True)
        _match_strength(deficits[n], surpluses[m], strengths, same=True)
        _match_forms(deficits[n], surpluses[m], forms, strengths)
    removed = [n for n in range(len(before)) if n not in pairs]
    _match_pool(removed, deficits, surpluses, forms, strengths)
    for n, m in pairs.items():
        _match_strength(deficits[n], surpluses[m], strengths)
        for sig in [s for s in deficits[n] if s.startswith("<runs ")]:
            del deficits[n][sig]  # a test that stayed still runs
    _match_pool(list(pairs), deficits, surpluses, forms, strengths)
    if elsewhere is not None:
        made = {  # the tests the change wrote or rewrote
            t.body
            for m, (_, t) in enumerate(after)
            if m not in was or before[was[m]][1].body != t.body
        }
        _still_checked([(before[n][1], deficits[n]) for n in removed], elsewhere, made)
    found: list[Weakening] = []
    deleted: dict[str, list[str]] = {}
    for n, (f, t) in enumerate(before):
        if not sum(deficits[n].values()):
            continue
        if n in pairs:
            found.append(_reduced(t, after[pairs[n]], lost[n], gained[pairs[n]], strengths))
        elif f.deleted:
            deleted.setdefault(f.path, []).append(t.name)
        else:
            found.append(_removed(f, t, deficits[n]))  # what is found elsewhere is not lost
    for path, names in deleted.items():
        shown = ", ".join(f"`{n}`" for n in names[:3]) + (" ..." if len(names) > 3 else "")
        found.append(
            Weakening(
                "AL301",
                path,
                None,
                names[0],
                f"test file deleted and {len(names)} of its tests ({shown}) did not move "
                "elsewhere in the change; keep the tests, or move them with their checks",
            )
        )
    return found


def _still_checked(
    removed: list[tuple[Test, Counter[str]]],
    elsewhere: Elsewhere,
    made: AbstractSet[int] = frozenset(),
) -> None:
    """A removed test whose exact duplicate (the same body, normalised) still runs on the
    after side, in the same file or another, changed or not, loses nothing; nor does one
    whose namesake elsewhere makes each of its checks on other sample values (the same
    calls of the code under test, `isBlank("foo")` for `isBlank("bob")`, as often and as
    strictly), unless the change itself wrote that namesake (bodies in `made`: an agent
    must not delete a test and write a weaker one of the same name). Strict: the same
    checks in another test are not enough (the same asserts after another set-up check
    another thing), a check that names no code under test (`assert result.exit_code ==
    0`) has no namesake copy, and a skipped or idle copy holds nothing."""
    wanted = [(t, d) for t, d in removed if sum(d.values()) and t.body]
    if not wanted:
        return
    asked = []
    for t, _ in wanted:  # a copy holds every check line; one that names none, the name
        lines = [c for c in t.checks if c.text != _ITSELF]
        asked.append(lines or [_named(t)])
        if lines and all(_names_code(c.shape) for c in lines):
            asked.append([_named(t)])  # a namesake may hold them on other values
    copies: dict[int, list[Counter[str]]] = {}
    namesakes: dict[str, list[Test]] = {}
    for parsed in elsewhere(asked):
        for u in _live(parsed):
            copies.setdefault(u.body, []).append(_counts(u))
            namesakes.setdefault(_short(u.name), []).append(u)
    for t, deficit in wanted:
        mine = _counts(t)  # as many times (parametrize cases, rows) as the copy runs
        copied = any(all(c[s] >= n for s, n in mine.items()) for c in copies.get(t.body, ()))
        if copied or any(
            _same_calls(t, u) for u in namesakes.get(_short(t.name), ()) if u.body not in made
        ):
            deficit.clear()


def _named(test: Test) -> Check:
    return Check(f"<name {test.name}>", WEAK, test.line, _short(test.name))


_CALL = regex.compile(r"[\w.]+\(")


def _names_code(shape: str) -> bool:
    """Whether a check's shape calls something besides the assertion itself (the call
    that wraps the whole shape, `_.True(...)`, when there is one)."""
    calls = len(_CALL.findall(shape))
    return calls - (1 if _wrapped(shape) else 0) > 0


def _wrapped(shape: str) -> bool:
    """Whether the shape is one call from its first character to its last."""
    found = _CALL.match(shape)
    if found is None:
        return False
    depth = 0
    for n in range(found.end() - 1, len(shape)):
        depth += {"(": 1, ")": -1}.get(shape[n], 0)
        if depth == 0:
            return n == len(shape) - 1
    return False


def _same_calls(old: Test, new: Test) -> bool:
    """Each check of `old` is made by `new` in the same shape, as often, as strictly."""
    if not all(_names_code(c.shape) for c in old.checks):
        return False
    have: Counter[tuple[str, int]] = Counter()
    for c in new.checks:
        have[c.shape or c.sig, c.strength] += c.times
    for c in old.checks:
        for strength in sorted({k[1] for k in have if k[0] == (c.shape or c.sig)}, reverse=True):
            if strength >= c.strength and have[c.shape or c.sig, strength] >= c.times:
                have[c.shape or c.sig, strength] -= c.times
                break
        else:
            return False
    return True


def _live(parsed: Parsed) -> list[Test]:
    """The tests of a file that run: neither idle nor under any skip marker."""
    skipped = {e.owner for e in parsed.events if e.kind == "skip"}
    if "<module>" in skipped or parsed.error:
        return []
    return [_runs(t) for t in parsed.tests if not t.idle and not (_owners([t.name]) & skipped)]


def _match_pool(
    tests: list[int],
    deficits: list[Counter[str]],
    surpluses: list[Counter[str]],
    forms: dict[str, str],
    strengths: dict[str, int],
) -> None:
    """Make up what `tests` lost with checks of the same form gained anywhere."""
    pool: Counter[str] = Counter()
    for s in surpluses:
        pool.update(s)
    for n in tests:
        _match_forms(deficits[n], pool, forms, strengths)
    _spend(surpluses, pool)


def _spend(surpluses: list[Counter[str]], pool: Counter[str]) -> None:
    """Take from the tests' surpluses what the pooled matching used."""
    total: Counter[str] = Counter()
    for s in surpluses:
        total.update(s)
    for sig, count in total.items():
        used = count - pool.get(sig, 0)
        for s in surpluses:
            if used <= 0:
                break
            take = min(s.get(sig, 0), used)
            if take:
                s[sig] -= take
                used -= take


def _texts(test: Test, sigs: Counter[str]) -> str:
    seen, out = set(), []
    for check in test.checks:
        if check.sig in sigs and check.sig not in seen:
            seen.add(check.sig)
            out.append(f"`{check.text}`" + (f" (line {check.line})" if check.line else ""))
    return ", ".join(out[:2]) + (f" and {len(out) - 2} more" if len(out) > 2 else "")


def _removed(f: FileDiff, t: Test, lost: Counter[str]) -> Weakening:
    return Weakening(
        "AL302",
        f.path,
        None,
        t.name,
        f"test `{t.name}` (line {t.line} before the change) was removed and its "
        f"{sum(lost.values())} check(s) did not move elsewhere: {_texts(t, lost)}; "
        "keep the test, or move its checks with it",
    )


def _reduced(
    t: Test,
    pair: tuple[FileDiff, Test],
    lost: Counter[str],
    gained: Counter[str],
    strengths: dict[str, int],
) -> Weakening:
    f, new = pair
    was, now = sum(c.times for c in t.checks), sum(c.times for c in new.checks)
    floor = max((strengths[s] for s in lost), default=WEAK)
    weaker = [c for c in new.checks if c.sig in gained and strengths[c.sig] < floor]
    what = f"{was} check(s) before, {now} now" if now < was else "weaker checks than before"
    detail = f"lost {_texts(t, lost)}"
    if weaker and now >= was:
        when = " (now only under a condition)" if weaker[0].sig.startswith(GUARD) else ""
        detail += f", in favour of weaker `{weaker[0].text}`{when}"
    label = f"`{new.name}`" + (f" (was `{t.name}`)" if t.name != new.name else "")
    return Weakening(
        "AL303",
        f.path,
        new.line,
        new.name,
        f"test {label} checks less than before ({what}): {detail}; restore the checks, "
        "or fix the code so they pass",
    )


def _added_events(files: list[FileDiff], kinds: tuple[str, ...]) -> list[tuple[FileDiff, Event]]:
    """The after-side events that the before side does not have, for any owner."""
    seen: Counter[tuple[str, str]] = Counter(
        (e.kind, e.key) for f in files for e in f.before.events if e.kind in kinds
    )
    out = []
    for f in files:
        for e in f.after.events:
            if e.kind not in kinds:
                continue
            if seen[(e.kind, e.key)] > 0:
                seen[(e.kind, e.key)] -= 1
                continue
            out.append((f, e))
    return out


def _skipped_new(
    files: list[FileDiff], after: list[tuple[FileDiff, Test]], pairs: dict[int, int]
) -> set[int]:
    """After-side tests, new in the change, that a newly added skip covers: what they
    check does not run, so it makes up for nothing."""
    paired = set(pairs.values())
    skips = {(f.path, e.owner) for f, e in _added_events(files, ("skip",))}
    if not skips:
        return set()
    return {
        m
        for m, (f, t) in enumerate(after)
        if m not in paired
        and ((f.path, "<module>") in skips or any((f.path, o) in skips for o in _owners([t.name])))
    }


def _markers(
    files: list[FileDiff],
    before: list[tuple[FileDiff, Test]],
    after: list[tuple[FileDiff, Test]],
    pairs: dict[int, int],
) -> list[Weakening]:
    canonical = {(after[m][0].path, after[m][1].name): before[n][1].name for n, m in pairs.items()}
    old_owners = _owners(t.name for _, t in before)
    # the owners of tests that ran before, where they are now: their class or describe
    # block, and their file (a module-wide skip in a new file that a test moved into)
    kept = {(after[m][0].path, o) for m in pairs.values() for o in _owners([after[m][1].name])}
    kept |= {(after[m][0].path, "<module>") for m in pairs.values()}
    had_tests = {f.path for f in files if not f.before.absent}
    seen: Counter[tuple[str, str, str]] = Counter(
        (e.kind, e.owner, e.key) for f in files for e in f.before.events
    )
    # a skip whose form changed (`if PY2:` around a test to `skipif(not PY2)`) is not new:
    # each owner keeps as many skips as it had, whatever their form
    reformed: Counter[str] = Counter()
    for f in files:
        for e in f.before.events:
            if e.kind == "skip" and e.owner != "<module>":
                reformed[e.owner] += 1
    for f in files:
        for e in f.after.events:
            owner = canonical.get((f.path, e.owner), e.owner)
            if e.kind == "skip" and reformed[owner] > 0 and seen[(e.kind, owner, e.key)] > 0:
                reformed[owner] -= 1  # matched exactly below: not a free reform
    # a skip that left a file, class or describe block (`pytestmark`, `xdescribe`) may come
    # back on the tests it held: not new either
    still = {(f.path, x.owner, x.key) for f in files for x in f.after.events if x.kind == "skip"}
    lifted = {
        (f.path, e.key)
        for f in files
        for e in f.before.events
        if e.kind == "skip" and (f.path, e.owner, e.key) not in still
    }
    found = []
    for f in files:
        for e in f.after.events:
            owner = canonical.get((f.path, e.owner), e.owner)
            key = (e.kind, owner, e.key)
            if seen[key] > 0:
                seen[key] -= 1
                continue
            if e.kind == "skip" and (f.path, e.key) in lifted:
                continue  # the same marker, moved from the file or block onto its tests
            if e.kind == "skip" and owner != "<module>" and reformed[owner] > 0:
                reformed[owner] -= 1
                continue  # it was skipped before too, in another form
            if e.kind == "skip" and not (
                _existed(owner, f, old_owners, had_tests) or (f.path, e.owner) in kept
            ):
                continue  # a new test cannot lose anything by being skipped
            found.append(
                Weakening(
                    _CODES[e.kind], f.path, e.line, e.owner, _marker_text(e.kind, e.owner, e.text)
                )
            )
    return found


def _owners(names: Iterable[str]) -> set[str]:
    """The names, and every class or describe block that holds one: what a marker may
    apply to (a set, so a look-up costs the same for 15,000 tests as for 15)."""
    out = set()
    for name in names:
        out.add(name)
        for sep in (" > ", "."):
            parts = name.split(sep)
            for k in range(1, len(parts)):
                out.add(sep.join(parts[:k]))
    return out


def _existed(owner: str, f: FileDiff, old_owners: set[str], had_tests: set[str]) -> bool:
    """Whether the test, group or file a marker applies to ran tests before the change."""
    if owner == "<module>":
        return f.path in had_tests
    return owner in old_owners


def _marker_text(kind: str, owner: str, text: str) -> str:
    where = "the whole file" if owner == "<module>" else f"`{owner}`"
    if kind == "skip":
        return (
            f"skip marker added to {where} (`{text}`); fix the test or the code instead of "
            "skipping it"
        )
    if kind == "focus":
        return f"focus marker added to {where} (`{text}`): the other tests stop running; remove it"
    if kind == "tautology":
        return f"assertion in {where} cannot fail (`{text}`); assert on the real result"
    return (
        f"assertion failure caught and ignored in {where} (`{text}`); let it fail, or "
        "assert the expected error explicitly"
    )
