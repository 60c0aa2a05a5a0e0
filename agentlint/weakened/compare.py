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
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from agentlint.weakened.model import STRONG, WEAK, Parsed, Test

_MAX_OVERLAP_PAIRING = 400  # tests left unpaired by name; beyond it, renames are not traced


class FileDiff(NamedTuple):
    path: str  # after the change (before it, when deleted)
    old_path: str | None  # before a rename
    deleted: bool
    before: Parsed
    after: Parsed


class Weakening(NamedTuple):
    code: str
    path: str
    line: int | None
    test: str
    message: str


_CODES = {"skip": "AL304", "focus": "AL305", "tautology": "AL306", "swallowed": "AL307"}


def compare(files: list[FileDiff]) -> list[Weakening]:
    found = _unreadable(files)
    # a file that cannot be measured after the change is reported once, as a whole
    before = [(f, t) for f in files if not f.after.error for t in f.before.tests]
    after = [(f, t) for f in files for t in f.after.tests]
    pairs = _pair(before, after)
    found += _losses(before, after, pairs)
    found += _markers(files, before, after, pairs)
    return found


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
        if f.after.error and not f.before.error and f.before.tests
    ]


def _counts(test: Test) -> Counter[str]:
    counts: Counter[str] = Counter()
    for check in test.checks:
        counts[check.sig] += check.times
    return counts


def _pair(
    before: list[tuple[FileDiff, Test]], after: list[tuple[FileDiff, Test]]
) -> dict[int, int]:
    pairs: dict[int, int] = {}
    by_place = {(f.path, t.name): n for n, (f, t) in enumerate(after)}
    for n, (f, t) in enumerate(before):
        m = by_place.get((f.path, t.name))
        if m is not None and m not in pairs.values():
            pairs[n] = m
    taken = set(pairs.values())
    left_b = [n for n in range(len(before)) if n not in pairs]
    left_a = [m for m in range(len(after)) if m not in taken]
    names_b = Counter(before[n][1].name for n in left_b)
    names_a = {after[m][1].name: m for m in left_a}
    counts_a = Counter(after[m][1].name for m in left_a)
    for n in left_b:  # moved to another file
        name = before[n][1].name
        if names_b[name] == 1 and counts_a[name] == 1:
            pairs[n] = names_a[name]
    taken = set(pairs.values())
    left_b = [n for n in range(len(before)) if n not in pairs and before[n][1].checks]
    left_a = [m for m in range(len(after)) if m not in taken and after[m][1].checks]
    if len(left_b) * len(left_a) > _MAX_OVERLAP_PAIRING**2:
        return pairs
    sigs_a = {m: _counts(after[m][1]) for m in left_a}
    for n in left_b:  # renamed: the unpaired test that shares most of its checks
        mine = _counts(before[n][1])
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


def _by_strength(charged: Counter[str], strengths: dict[str, int]) -> dict[int, int]:
    out = {STRONG: 0, WEAK: 0}
    for sig, count in charged.items():
        out[strengths[sig]] += count
    return out


def _offset(deficit: dict[int, int], surplus: dict[int, int]) -> None:
    """Make up a deficit from a surplus: strong only by strong, weak by either."""
    take = min(deficit[STRONG], surplus[STRONG])
    deficit[STRONG] -= take
    surplus[STRONG] -= take
    for kind in (WEAK, STRONG):
        take = min(deficit[WEAK], surplus[kind])
        deficit[WEAK] -= take
        surplus[kind] -= take


def _losses(
    before: list[tuple[FileDiff, Test]],
    after: list[tuple[FileDiff, Test]],
    pairs: dict[int, int],
) -> list[Weakening]:
    counts_b = [_counts(t) for _, t in before]
    counts_a = [_counts(t) for _, t in after]
    strengths: dict[str, int] = {}
    for _, t in (*before, *after):
        for check in t.checks:
            strengths[check.sig] = max(strengths.get(check.sig, 0), check.strength)
    total_b: Counter[str] = Counter()
    total_a: Counter[str] = Counter()
    for c in counts_b:
        total_b.update(c)
    for c in counts_a:
        total_a.update(c)
    reverse = {m: n for n, m in pairs.items()}
    lost = _spread(total_b, total_a, counts_b, {n: counts_a[m] for n, m in pairs.items()})
    gained = _spread(total_a, total_b, counts_a, {m: counts_b[n] for m, n in reverse.items()})
    deficits = [_by_strength(c, strengths) for c in lost]
    surpluses = [_by_strength(c, strengths) for c in gained]
    for n, m in pairs.items():
        _offset(deficits[n], surpluses[m])
    pool = {STRONG: sum(s[STRONG] for s in surpluses), WEAK: sum(s[WEAK] for s in surpluses)}
    for n in range(len(before)):
        if n not in pairs:
            _offset(deficits[n], pool)
    found: list[Weakening] = []
    deleted: dict[str, list[str]] = {}
    for n, (f, t) in enumerate(before):
        missing = deficits[n][STRONG] + deficits[n][WEAK]
        if not missing:
            continue
        if n in pairs:
            found.append(_reduced(t, after[pairs[n]], lost[n], gained[pairs[n]], strengths))
        elif f.deleted:
            deleted.setdefault(f.path, []).append(t.name)
        else:
            found.append(_removed(f, t, lost[n]))
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
    weaker = [c for c in new.checks if c.sig in gained and strengths[c.sig] == WEAK]
    what = f"{was} check(s) before, {now} now" if now < was else "weaker checks than before"
    detail = f"lost {_texts(t, lost)}"
    if weaker and now >= was:
        detail += f", in favour of weaker `{weaker[0].text}`"
    label = f"`{new.name}`" + (f" (was `{t.name}`)" if t.name != new.name else "")
    return Weakening(
        "AL303",
        f.path,
        new.line,
        new.name,
        f"test {label} checks less than before ({what}): {detail}; restore the checks, "
        "or fix the code so they pass",
    )


def _markers(
    files: list[FileDiff],
    before: list[tuple[FileDiff, Test]],
    after: list[tuple[FileDiff, Test]],
    pairs: dict[int, int],
) -> list[Weakening]:
    canonical = {(after[m][0].path, after[m][1].name): before[n][1].name for n, m in pairs.items()}
    seen: Counter[tuple[str, str, str]] = Counter(
        (e.kind, e.owner, e.key) for f in files for e in f.before.events
    )
    found = []
    for f in files:
        for e in f.after.events:
            owner = canonical.get((f.path, e.owner), e.owner)
            key = (e.kind, owner, e.key)
            if seen[key] > 0:
                seen[key] -= 1
                continue
            found.append(
                Weakening(
                    _CODES[e.kind], f.path, e.line, e.owner, _marker_text(e.kind, e.owner, e.text)
                )
            )
    return found


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
