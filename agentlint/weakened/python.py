"""Python tests (pytest and unittest), measured exactly with `ast`.

Only the top-level blocks that differ between the two sides are parsed, with the
unchanged blocks they depend on (helpers, tables, base classes) or that depend on them
(tests calling a changed helper). Unchanged tests contribute the same to both sides, so
leaving them out changes no verdict, and the cost follows the size of the change.
"""

from __future__ import annotations

import ast
import zlib
from collections import Counter

from agentlint import regex
from agentlint.weakened.graph import callees_first
from agentlint.weakened.model import (
    EXACT,
    STRONG,
    WEAK,
    Check,
    Event,
    Parsed,
    Test,
    source_line,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

# a line that starts a top-level block, found by the newline before it: led by a literal,
# the engine skips to each newline instead of trying `^` at every offset (3x faster)
_BLOCK_START = regex.compile(r"\n(?![\s#)\]}]|else\b|elif\b|except\b|finally\b)")
_DEFINES = regex.compile(
    r"(?:^@[^\n]*\n)*"
    r"(?:(?:async[ \t]+)?def[ \t]+(\w+)|class[ \t]+(\w+)|(\w+)[ \t]*(?::[^=\n]*)?=(?!=))"
)
_WORD = regex.compile(r"[A-Za-z_]\w*")
# blocks that reach every test without being named by one: module markers, module skips,
# autouse fixtures
_MODULE_WIDE = regex.compile(
    r"(?:pytestmark|__test__)\b|[^\n]*\b(?:pytest\.skip|importorskip)\(|@[^\n]*autouse"
    r"|(?:async[ \t]+)?def[ \t]+(?:setup_module|setUpModule|setup_function)\b"
)

_MAX_MULTIPLIER = 10_000
DEEP = "an expression is nested too deeply to measure"
_SWALLOWING = {"Exception", "BaseException", "AssertionError"}
_WEAK_UNITTEST = {"assertTrue", "assertFalse", "assertIsNotNone", "assertIsInstance", "assert_"}
_WEAK_CALLS = {"isinstance", "hasattr", "callable", "bool", "len", "type", "issubclass"}
_SKIP_MARKS = {"skip", "skipif", "xfail"}
# pytester's line matchers fail the test when the output does not match
_PYTESTER_CHECKS = {"fnmatch_lines", "no_fnmatch_line", "re_match_lines", "no_re_match_line"}
_UNITTEST_SKIPS = {"skip", "skipIf", "skipUnless", "expectedFailure"}
_FOCUS_MARKS = {"only", "focus"}


Library = dict[str, ast.FunctionDef | ast.AsyncFunctionDef]


def library(text: str | None) -> Library:
    """The helpers a file defines (functions and methods not named like tests), for the
    other files of the change that call them (`self.assert_equal` of a base class)."""
    if text is None:
        return {}
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    found: Library = {}
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if not node.name.startswith("test"):
                found.setdefault(node.name, node)
        elif isinstance(node, ast.ClassDef):
            todo += node.body
    return found


def measure_pair(
    before: str | None,
    after: str | None,
    libraries: tuple[Library, Library] = ({}, {}),
) -> tuple[Parsed, Parsed]:
    """Both sides of one file, restricted to what the change can affect. `libraries`
    hold the helpers the change's other files define, on each side."""
    if before is None or after is None or any(libraries):
        return _full(before, libraries[0]), _full(after, libraries[1])
    old, new = _split(before), _split(after)
    counts_old, counts_new = Counter(t for _, t in old), Counter(t for _, t in new)
    changed_old = [b for b in old if counts_new[b[1]] < counts_old[b[1]]]
    changed_new = [b for b in new if counts_old[b[1]] < counts_new[b[1]]]
    if not changed_old and not changed_new:
        return Parsed(), Parsed()
    context = _context([t for _, t in changed_old + changed_new], old, counts_new)
    sides = []
    for text, blocks, changed in ((before, old, changed_old), (after, new, changed_new)):
        chosen = {id(b) for b in changed} | {
            id(b)
            for b in blocks
            if b[1] in context or b[1].startswith(("import", "from")) or _MODULE_WIDE.match(b[1])
        }
        sides.append(_partial(text, [b for b in blocks if id(b) in chosen]))
    if sides[0].error or sides[1].error:  # say what is lost against the whole other side
        return _full(before), _full(after)
    return sides[0], sides[1]


def _split(text: str) -> list[tuple[int, str]]:
    """Top-level blocks as (first line, text): a def or class with its decorators, or a
    statement. A heuristic: a block that does not parse alone sends the file to a full
    parse."""
    starts = [0, *[m.end() for m in _BLOCK_START.finditer(text)]]
    blocks, line = [], 1
    merged: list[int] = []
    for start in starts:
        if merged and text.startswith("@", merged[-1]) and not _ends_block(text, merged[-1], start):
            continue  # the def under a decorator belongs to it
        merged.append(start)
    for n, start in enumerate(merged):
        end = merged[n + 1] if n + 1 < len(merged) else len(text)
        chunk = text[start:end]
        blocks.append((line, chunk))
        line += chunk.count("\n")
    return blocks


def _ends_block(text: str, start: int, end: int) -> bool:
    """Whether the block from a decorator at `start` already holds its def or class."""
    return (
        regex.compile(r"^(?:async[ \t]+def|def|class)\b", regex.M).search(text[start:end])
        is not None
    )


def _context(
    changed: list[str], blocks: list[tuple[int, str]], new_counts: Counter[str]
) -> set[str]:
    """Unchanged blocks the changed ones depend on, or that depend on them, transitively
    both ways (a test that calls a helper that calls a changed helper). Linear: each
    block's words are read once."""
    unchanged = [t for t in dict.fromkeys(t for _, t in blocks) if new_counts[t]]
    defined: dict[str, str] = {}
    for text in unchanged:
        for name in _defined(text):
            defined.setdefault(name, text)
    wanted: set[str] = set()
    names = [name for text in changed for name in _defined(text)]
    done: set[str] = set()
    while names:  # who uses what changed, and who uses those
        name = names.pop()
        if name in done:
            continue
        done.add(name)
        for text in _users(name, unchanged):
            if text not in wanted:
                wanted.add(text)
                names += _defined(text)
    todo = [w for text in (*changed, *wanted) for w in _WORD.findall(text)]
    seen: set[str] = set()
    while todo:  # what the changed blocks (and the blocks pulled in) use, transitively
        word = todo.pop()
        if word in seen:
            continue
        seen.add(word)
        found = defined.get(word)
        if found is not None and found not in wanted:
            wanted.add(found)
            todo += _WORD.findall(found)
    return wanted


def _users(name: str, blocks: list[str]) -> list[str]:
    """The blocks that name `name` as a whole word, as `(?<!\\w)NAME(?!\\w)` finds it:
    each place it occurs, with no word character on either side. No regex: the names
    differ from commit to commit, and compiling one each would cost `re` itself."""
    return [text for text in blocks if name in text and _names_word(text, name)]


def _names_word(text: str, name: str) -> bool:
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if not (at and _is_word(text[at - 1])) and not (end < len(text) and _is_word(text[end])):
            return True
        at = text.find(name, at + 1)
    return False


def _is_word(char: str) -> bool:
    """What `\\w` matches in a str pattern: a letter or digit of any script, or `_`."""
    return char.isalnum() or char == "_"


def _defined(block: str) -> list[str]:
    match = _DEFINES.match(block)
    return [g for g in match.groups() if g] if match else []


def _partial(text: str, blocks: list[tuple[int, str]]) -> Parsed:
    pieces, line = [], 1
    for start, chunk in blocks:
        pieces.append("\n" * (start - line))
        pieces.append(chunk if chunk.endswith("\n") else chunk + "\n")
        line = start + chunk.count("\n") + (0 if chunk.endswith("\n") else 1)
    try:
        tree = ast.parse("".join(pieces))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return _full(text)  # the split guessed wrong, or the file is broken: say so exactly
    return _measured(tree, text)


def _full(text: str | None, helpers: Library | None = None) -> Parsed:
    if text is None:
        return Parsed(absent=True)
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        return Parsed(error=(exc.lineno or 1, f"Python syntax error: {exc.msg}"))
    except RecursionError:
        return Parsed(error=(1, DEEP))
    except (ValueError, MemoryError) as exc:
        return Parsed(error=(1, f"Python cannot parse it: {exc}"))
    return _measured(tree, text, helpers)


def _measured(tree: ast.Module, text: str, helpers: Library | None = None) -> Parsed:
    try:
        return _Module(tree, text.splitlines(), helpers).parsed()
    except RecursionError:
        return Parsed(error=(1, DEEP))


def _always(mark: ast.expr, last: str) -> bool:
    """Whether a skip or xfail marker holds whatever the environment: `skip(reason)`,
    `xfail(reason=...)`, `unittest.expectedFailure`; not `skipif(cond)` or `xfail(cond)`."""
    if last in ("skipif", "skipIf", "skipUnless"):
        return False
    if last == "xfail" and isinstance(mark, ast.Call):
        return not mark.args and not any(k.arg in ("condition", "run") for k in mark.keywords)
    return True


def _scopes(name: str) -> set[str]:
    """The test's name, its classes, and the module: what a marker on any of them covers."""
    parts = name.split(".")
    return {"<module>", *(".".join(parts[:k]) for k in range(1, len(parts) + 1))}


def dotted(node: ast.AST) -> str:
    """`a.b.c` for names and attribute chains ('' otherwise); calls are looked through,
    so `pytest.mark.skipif(...)` gives `pytest.mark.skipif`."""
    parts = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return ".".join(reversed(parts))
        else:
            return ""


def _literal_length(node: ast.AST, consts: dict[str, ast.AST]) -> int | None:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return len(node.elts)
    if isinstance(node, ast.Dict):
        return len(node.keys)
    if isinstance(node, ast.Name) and node.id in consts:
        return _literal_length(consts[node.id], {})
    if isinstance(node, ast.Call):
        name = dotted(node.func)
        if name == "range" and len(node.args) == 1 and isinstance(node.args[0], ast.Constant):
            value = node.args[0].value
            return value if isinstance(value, int) and not isinstance(value, bool) else None
        if name in ("enumerate", "zip", "sorted", "reversed", "list", "tuple") and node.args:
            return _literal_length(node.args[0], consts)
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("items", "values", "keys"):
            return _literal_length(node.func.value, consts)
    return None


def _truthy_constant(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
        return bool(node.keys if isinstance(node, ast.Dict) else node.elts)
    if isinstance(node, ast.JoinedStr):
        return bool(node.values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return _falsy_constant(node.operand)
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.Or):
            return any(_truthy_constant(v) for v in node.values)
        return all(_truthy_constant(v) for v in node.values)
    return False


def _falsy_constant(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return not node.value
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return not node.elts
    if isinstance(node, ast.Dict):
        return not node.keys
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.Not)
        and _truthy_constant(node.operand)
    )


def _same(a: ast.AST, b: ast.AST) -> bool:
    return ast.dump(a) == ast.dump(b)


def assert_strength(test: ast.AST) -> int:
    """0 for an `assert` that cannot fail, WEAK for a truthiness or not-None check,
    STRONG for a comparison of values."""
    if _truthy_constant(test):
        return 0
    if _falsy_constant(test):
        return STRONG  # `assert False`, `assert 0`: a failure, like pytest.fail()
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, (ast.Eq, ast.Is, ast.LtE, ast.GtE)) and _same(left, right):
            return 0
        if isinstance(left, ast.Constant) and isinstance(right, ast.Constant):
            try:
                return 0 if _constant_compare(left.value, op, right.value) else STRONG
            except TypeError:
                return STRONG
        if isinstance(op, (ast.IsNot, ast.NotEq)) and _is_none(right):
            return WEAK
        return STRONG
    if isinstance(test, ast.Compare):
        return STRONG
    if (
        isinstance(test, ast.Call)
        and dotted(test.func) == "isinstance"
        and len(test.args) == 2
        and dotted(test.args[1]) == "object"
    ):
        return 0
    if isinstance(test, ast.Call) and dotted(test.func) not in _WEAK_CALLS:
        return STRONG
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return WEAK if not isinstance(test.operand, ast.Compare) else STRONG
    if isinstance(test, ast.BoolOp):
        return max(assert_strength(v) for v in test.values)
    return WEAK


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _constant_compare(a: object, op: ast.cmpop, b: object) -> bool:
    ops: dict[type[ast.cmpop], Callable[[], object]] = {
        ast.Eq: lambda: a == b,
        ast.NotEq: lambda: a != b,
        ast.Lt: lambda: a < b,  # type: ignore[operator]
        ast.LtE: lambda: a <= b,  # type: ignore[operator]
        ast.Gt: lambda: a > b,  # type: ignore[operator]
        ast.GtE: lambda: a >= b,  # type: ignore[operator]
        ast.Is: lambda: a is b,
        ast.IsNot: lambda: a is not b,
        ast.In: lambda: a in b,  # type: ignore[operator]
        ast.NotIn: lambda: a not in b,  # type: ignore[operator]
    }
    return bool(ops[type(op)]())


def unittest_strength(name: str, args: list[ast.expr]) -> int:
    """The same for `self.assertX(...)` calls."""
    first = args[0] if args else None
    if first is not None:
        if name in ("assertTrue", "assert_") and _truthy_constant(first):
            return 0
        if name == "assertFalse" and _falsy_constant(first):
            return 0
        if (
            name in ("assertIsNotNone",)
            and isinstance(first, ast.Constant)
            and first.value is not None
        ):
            return 0
        if name == "assertIsNone" and _is_none(first):
            return 0
        if len(args) >= 2 and name in (
            "assertEqual",
            "assertEquals",
            "assertIs",
            "assertCountEqual",
            "assertDictEqual",
            "assertListEqual",
            "assertAlmostEqual",
            "assertGreaterEqual",
            "assertLessEqual",
        ):
            if _same(args[0], args[1]):
                return 0
            if isinstance(args[0], ast.Constant) and isinstance(args[1], ast.Constant):
                return 0 if args[0].value == args[1].value else STRONG
        if name in ("assertTrue", "assertFalse") and isinstance(first, ast.Compare):
            return STRONG
    return WEAK if name in _WEAK_UNITTEST else STRONG


class _Module:
    def __init__(self, tree: ast.Module, lines: list[str], library: Library | None = None) -> None:
        self.lines = lines
        self.consts: dict[str, ast.AST] = {}
        self.helpers: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = dict(library or {})
        self.test_classes: set[str] = set()
        self.aliases: dict[str, str] = {}  # local name -> what it imports (`m` -> pytest.mark)
        self._autouse: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []
        self.tests: list[Test] = []
        self.events: list[Event] = []
        self.always_skipped: set[str] = set()  # tests, classes, "<module>" skipped for good
        self._summaries: dict[str, tuple[list[Check], list[Event]]] = {}
        self._pending: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef, int, int]] = []
        self._called: dict[str, list[Check]] = {}  # tests that other tests call
        self._tests: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self._collect(tree.body, "", False)
        self._summarise()
        self._tests = {fn.name: fn for _, fn, _, _ in self._pending}
        for owner, fn, cases, skipped in self._pending:
            self._measure(owner, fn, cases, skipped)
        for owner, fn in self._autouse:  # a skip in an autouse fixture skips its scope
            list(_Walker(self, owner, dict(self.consts)).body(fn.body, 1, False))

    def parsed(self) -> Parsed:
        return Parsed(tuple(self.tests), tuple(self.events))

    def _event(self, kind: str, owner: str, node: ast.AST, key: str) -> None:
        line = getattr(node, "lineno", 1)
        self.events.append(Event(kind, owner, line, source_line(self.lines, line), key))

    # -- what the module defines -----------------------------------------------------------

    def resolve(self, name: str) -> str:
        """A dotted name with an imported alias expanded (`m.skip` -> `pytest.mark.skip`)."""
        head, dot, rest = name.partition(".")
        full = self.aliases.get(head)
        return f"{full}{dot}{rest}" if full else name

    def _collect(
        self,
        body: list[ast.stmt],
        prefix: str,
        in_test_class: bool,
        condition: ast.expr | None = None,
    ) -> None:
        owner = prefix[:-1] if prefix else "<module>"
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    source = (
                        f"{node.module}.{alias.name}"
                        if isinstance(node, ast.ImportFrom)
                        else alias.name
                    )
                    self.aliases[alias.asname or alias.name.split(".")[0]] = (
                        source
                        if alias.asname or isinstance(node, ast.ImportFrom)
                        else alias.name.split(".")[0]
                    )
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
                _autouse(node) or node.name in _SET_UP
            ):
                self._autouse.append((owner, node))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                qualified = prefix + node.name
                # a later definition of the same name shadows the earlier one
                self._pending = [p for p in self._pending if p[0] != qualified]
                if node.name.startswith("test") and (in_test_class or not prefix):
                    self._pending.append((qualified, node, *self._cases(node)))
                    if condition is not None:  # defined only when a condition holds
                        self._event("skip", qualified, node, "if " + ast.dump(condition))
                else:
                    self.helpers[node.name] = node
            elif isinstance(node, ast.ClassDef):
                is_test = node.name.startswith("Test") or any(
                    dotted(b).rsplit(".", 1)[-1].endswith(("TestCase", "Test"))
                    or dotted(b) in self.test_classes
                    for b in node.bases
                )
                if is_test:
                    self.test_classes.add(node.name)
                    self._markers(node.decorator_list, prefix + node.name, node)
                self._collect(node.body, f"{prefix}{node.name}.", is_test)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and node.value is not None:
                        self.consts[target.id] = node.value
                        if target.id == "pytestmark":
                            self._module_marks(node.value, owner)
                        if target.id == "__test__" and _falsy_constant(node.value):
                            self._event("skip", owner, node, "__test__ = False")
                if isinstance(node.value, ast.Call) and self._is_module_skip(node.value):
                    self._event("skip", owner, node, self.resolve(dotted(node.value.func)))
            elif isinstance(node, ast.Expr):
                call = node.value
                if isinstance(call, ast.Call) and self._is_module_skip(call):
                    self._event("skip", owner, node, self.resolve(dotted(call.func)))
            elif isinstance(node, ast.If):
                if _falsy_constant(node.test):  # `if False:` hides what it holds
                    self._collect(node.orelse, prefix, in_test_class)
                elif _truthy_constant(node.test):
                    self._collect(node.body, prefix, in_test_class)
                else:
                    self._collect(node.body, prefix, in_test_class, node.test)
                    self._collect(node.orelse, prefix, in_test_class, node.test)
            elif isinstance(node, ast.Try):
                self._collect([*node.body, *node.orelse, *node.finalbody], prefix, in_test_class)

    def _is_module_skip(self, call: ast.Call) -> bool:
        name = self.resolve(dotted(call.func))
        return name in ("pytest.skip", "pytest.importorskip", "skip", "unittest.skip")

    def _module_marks(self, value: ast.expr, owner: str) -> None:
        marks = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
        self._markers(marks, owner, value, conditions=True)

    def _condition(self, mark: ast.expr) -> str:
        """What a `skipif`/`xfail` holds on: its condition, with the body of any function of
        the module it calls (`skipif(should_skip())`), so a broader condition is a new skip."""
        if not isinstance(mark, ast.Call):
            return ""
        found = [k.value for k in mark.keywords if k.arg == "condition"] + mark.args[:1]
        if not found:
            return ""
        parts = [ast.dump(found[0])]
        for node in ast.walk(found[0]):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                helper = self.helpers.get(node.func.id)
                parts += [ast.dump(stmt) for stmt in helper.body] if helper else []
        return " if " + " ".join(parts)

    def _markers(
        self, decorators: list[ast.expr], owner: str, node: ast.AST, *, conditions: bool = False
    ) -> None:
        for mark in decorators:
            name = self.resolve(dotted(mark))
            value = self.consts.get(name)
            if isinstance(value, (ast.Call, ast.Attribute)):  # `skip_py313 = mark.skipif(...)`
                name = self.resolve(dotted(value))
            last = name.rsplit(".", 1)[-1]
            pytest_skip = last in _SKIP_MARKS and ("mark" in name or name == last)
            unittest_skip = last in _UNITTEST_SKIPS and name.startswith(("unittest.", last))
            if pytest_skip or unittest_skip:
                self._event(
                    "skip", owner, mark, name + (self._condition(mark) if conditions else "")
                )
                if _always(mark, last):
                    self.always_skipped.add(owner)
            elif last in _FOCUS_MARKS and "mark" in name:
                self._event("focus", owner, mark, name)

    def _cases(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[int, int]:
        """How many cases parametrize gives the test, and how many of them are skipped."""
        cases, skipped = 1, 0
        for deco in fn.decorator_list:
            if not (isinstance(deco, ast.Call) and dotted(deco.func).endswith("parametrize")):
                continue
            values = deco.args[1] if len(deco.args) > 1 else None
            for kw in deco.keywords:
                if kw.arg == "argvalues":
                    values = kw.value
            if values is None:
                continue
            if isinstance(values, ast.Name):
                resolved = self.consts.get(values.id)
                values = resolved if isinstance(resolved, ast.expr) else values
            count = _literal_length(values, self.consts)
            if count is None:
                continue
            if isinstance(values, (ast.List, ast.Tuple)):
                marked = sum(1 for v in values.elts if _skipped_param(v))
                skipped = skipped * count + marked * cases
                count -= marked
            cases = min(cases * max(count, 0), _MAX_MULTIPLIER)
        return cases, skipped

    # -- what a test checks ----------------------------------------------------------------

    def _measure(
        self, name: str, fn: ast.FunctionDef | ast.AsyncFunctionDef, cases: int, skipped: int
    ) -> None:
        self._markers(fn.decorator_list, name, fn)
        if skipped:
            self._event("skip", name, fn, f"parametrize skip x{skipped}")
        local = dict(self.consts)
        for node in fn.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    local[target.id] = node.value
        checks = list(_Walker(self, name, local).body(fn.body, cases, False))
        if any(_WRITES_SOURCE.search(x) for x in self.lines[fn.lineno - 1 : fn.end_lineno]):
            checks += pytester_checks(fn, self.lines)
        body = zlib.crc32("".join(ast.dump(node) for node in fn.body).encode("utf-8", "replace"))
        idle = bool(self.always_skipped & _scopes(name))  # it never runs, or may not pass
        self.tests.append(Test(name, fn.lineno, tuple(checks), body, idle))

    def _summarise(self) -> None:
        """What each helper checks and skips when called, callees first, without
        recursion (a chain of helpers can be long; a cycle counts once)."""
        graph = {
            name: [
                dotted(n.func).rsplit(".", 1)[-1]
                for n in ast.walk(fn)
                if isinstance(n, ast.Call) and dotted(n.func).rsplit(".", 1)[-1] in self.helpers
            ]
            for name, fn in self.helpers.items()
        }
        for name in callees_first(graph):
            walker = _Walker(self, name, dict(self.consts), buffer=[])
            checks = list(walker.body(self.helpers[name].body, 1, False))
            self._summaries[name] = (checks, walker.buffer or [])

    def called_test(self, name: str) -> list[Check] | None:
        """What a test that another test calls (`self.test_udiff(testdir, fmt)`) checks
        when called: its own body once (the loop around the call re-runs the same checks
        with values that cannot be told apart from the test's own run). None: not a test."""
        fn = self._tests.get(name)
        if fn is None:
            return None
        if name not in self._called:
            self._called[name] = []  # a test that calls itself adds nothing
            walker = _Walker(self, name, dict(self.consts), buffer=[])
            self._called[name] = list(walker.body(fn.body, 1, False))
        return self._called[name]

    def summary(self, name: str) -> tuple[list[Check], list[Event]]:
        """The checks and markers of a helper, each time it is called."""
        return self._summaries.get(name, ([], []))


def pytester_checks(fn: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> list[Check]:
    """The checks of the tests a test writes into pytester source (`makepyfile`,
    `inline_runsource`) when it requires all of them to pass (`fnmatch_lines(["*1
    passed*"])`, `assert_outcomes(passed=1)`, as many as there are tests, none failing):
    pytest runs them, and their failure fails it, so a test moved into such a string
    keeps its checks. Source the outer test expects to fail, or whose outcome it does not
    pin down, adds nothing; nor does a test in it that is skipped."""
    sources = [
        (node.lineno, text)
        for node in ast.walk(fn)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _PYTESTER_SOURCES
        for text in _source_texts(node)
    ]
    passed = _passed_count(fn) if sources else 0
    if not passed:
        return []
    import textwrap  # here: it imports `re`, and only pytester's own tests need it

    out, tests = [], 0
    for line, text in sources:
        try:
            inner = _Module(ast.parse(textwrap.dedent(text)), lines).parsed()
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # not Python, or a file of another kind: nothing to count
        skipped = {e.owner for e in inner.events if e.kind == "skip"}
        for t in inner.tests:
            tests += 1
            if not t.idle and not skipped & _scopes(t.name):
                out += [c._replace(line=line) for c in t.checks]
    return out if tests <= passed else []


def _source_texts(call: ast.Call) -> list[str]:
    """The literal Python sources a pytester call writes (`makefile(".py", ...)` too)."""
    values = [*call.args, *(k.value for k in call.keywords if k.arg is not None)]
    if isinstance(call.func, ast.Attribute) and call.func.attr == "makefile":
        if not (values and isinstance(values[0], ast.Constant) and values[0].value == ".py"):
            return []
        values = values[1:]
    out = []
    for value in values:
        if isinstance(value, ast.Call) and dotted(value.func).endswith("dedent") and value.args:
            value = value.args[0]
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            out.append(value.value)
    return out


def _passed_count(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """How many passed tests the test requires of the run it checks (0: it does not say,
    or it expects some to fail)."""
    passed = 0
    for node in ast.walk(fn):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr == "assert_outcomes":
            counts = {k.arg: k.value for k in node.keywords}
            if any(not _falsy_constant(counts[k]) for k in _FAILING if k in counts):
                return 0
            value = counts.get("passed")
            if isinstance(value, ast.Constant) and isinstance(value.value, int):
                passed = max(passed, value.value)
        elif node.func.attr in ("fnmatch_lines", "re_match_lines"):
            for c in ast.walk(node):
                if not (isinstance(c, ast.Constant) and isinstance(c.value, str)):
                    continue
                if any(w in c.value.lower() for w in _FAILING):
                    return 0
                passed = max([passed, *(int(n) for n in _PASSED.findall(c.value))])
    return passed


_PASSED = regex.compile(r"(\d+) passed")
_PYTESTER_SOURCES = {"makepyfile", "inline_runsource", "makefile"}
_WRITES_SOURCE = regex.compile(r"\.(?:makepyfile|inline_runsource|makefile)\(")
_FAILING = ("failed", "errors", "error", "xpassed")


# the set-up hooks pytest and unittest run before the tests of their module or class, as
# they run an autouse fixture: a skip in one skips its scope
_SET_UP = {
    "setup_module",
    "setUpModule",
    "setup_class",
    "setUpClass",
    "setup_method",
    "setup_function",
    "setUp",
}


def _raises_skip(exc: ast.expr) -> bool:
    """Whether a raised exception skips the test (`unittest.SkipTest`, pytest's own)."""
    name = dotted(exc.func if isinstance(exc, ast.Call) else exc)
    return name.endswith("SkipTest") or name in ("pytest.skip.Exception", "skip.Exception")


def _autouse(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(d, ast.Call)
        and dotted(d.func).endswith("fixture")
        and any(k.arg == "autouse" and _truthy_constant(k.value) for k in d.keywords)
        for d in fn.decorator_list
    )


def _skipped_param(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and dotted(node.func).endswith("param")):
        return False
    return any(
        kw.arg == "marks" and any(m in ast.dump(kw.value) for m in ("'skip", "'xfail", "'skipif"))
        for kw in node.keywords
    )


class _Walker:
    """Walks a function body, yielding checks; records tautologies and swallowed failures."""

    def __init__(
        self,
        module: _Module,
        owner: str,
        consts: dict[str, ast.AST],
        buffer: list[Event] | None = None,
    ) -> None:
        self.module, self.owner, self.consts = module, owner, consts
        self.buffer = buffer  # a helper's markers, kept for the tests that call it

    def event(self, kind: str, node: ast.AST, key: str) -> None:
        if self.buffer is None:
            self.module._event(kind, self.owner, node, key)
        else:
            line = getattr(node, "lineno", 1)
            self.buffer.append(Event(kind, self.owner, line, "", key))

    def body(self, stmts: list[ast.stmt], mult: int, swallow: bool) -> Iterator[Check]:
        for stmt in stmts:
            yield from self.stmt(stmt, mult, swallow)
            if _ends(stmt):
                return  # what follows never runs

    def stmt(self, node: ast.stmt, mult: int, swallow: bool) -> Iterator[Check]:
        if isinstance(node, ast.Assert):
            strength = assert_strength(node.test)
            yield from self._check(node, strength, mult, swallow)
            yield from self.calls([node.test] + ([node.msg] if node.msg else []), mult, swallow)
        elif isinstance(node, ast.If):
            constant = _falsy_constant(node.test) or _truthy_constant(node.test)
            if not constant and node.body and isinstance(node.body[-1], ast.Return):
                # `if no_strace(): return`: what follows is skipped when it holds
                self.event("skip", node, "if-return " + ast.dump(node.test))
            if not _falsy_constant(node.test):
                yield from self.body(node.body, mult, swallow)
            if not _truthy_constant(node.test):
                yield from self.body(node.orelse, mult, swallow)
            yield from self.calls([node.test], mult, swallow)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            rows = _literal_length(node.iter, self.consts)
            inner = min(mult * rows, _MAX_MULTIPLIER) if rows is not None else mult
            yield from self.calls([node.iter], mult, swallow)
            yield from self.body(node.body, inner, swallow)
            yield from self.body(node.orelse, mult, swallow)
        elif isinstance(node, ast.While):
            if not _falsy_constant(node.test):
                yield from self.body(node.body, mult, swallow)
            yield from self.body(node.orelse, mult, swallow)
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            caught = _swallows(node.handlers, self.consts)  # type: ignore[attr-defined]
            yield from self.body(node.body, mult, swallow or caught)  # type: ignore[attr-defined]
            for handler in node.handlers:  # type: ignore[attr-defined]
                yield from self.body(handler.body, mult, swallow)
            yield from self.body(node.orelse, mult, swallow)  # type: ignore[attr-defined]
            yield from self.body(node.finalbody, mult, swallow)  # type: ignore[attr-defined]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            suppress = False
            for item in node.items:
                expr = item.context_expr
                name = dotted(expr)
                last = name.rsplit(".", 1)[-1]
                if isinstance(expr, ast.Call) and last == "suppress":
                    suppress = suppress or any(dotted(a) in _SWALLOWING for a in expr.args)
                elif isinstance(expr, ast.Call) and last in ("raises", "warns", "deprecated_call"):
                    yield from self._check(expr, _raises_strength(expr), mult, swallow)
                elif isinstance(expr, ast.Call) and last.startswith("assert"):
                    yield from self._check(expr, STRONG, mult, swallow)
                else:
                    yield from self.calls([expr], mult, swallow)
            yield from self.body(node.body, mult, swallow or suppress)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return  # a nested definition runs only if called; calls to it are not followed
        elif isinstance(node, ast.Raise) and node.exc is not None and _raises_skip(node.exc):
            self.event("skip", node, "raise SkipTest")  # `raise unittest.SkipTest(...)`
        elif isinstance(node, ast.Match):
            yield from self.calls([node.subject], mult, swallow)
            for case in node.cases:
                yield from self.body(case.body, mult, swallow)
        else:
            yield from self.calls([node], mult, swallow)

    def calls(self, nodes: Iterable[ast.AST], mult: int, swallow: bool) -> Iterator[Check]:
        for root in nodes:
            for node in ast.walk(root):
                if isinstance(node, ast.Call):
                    yield from self.call(node, mult, swallow)

    def call(self, node: ast.Call, mult: int, swallow: bool) -> Iterator[Check]:
        name = self.module.resolve(dotted(node.func))
        last = name.rsplit(".", 1)[-1]
        receiver = name.rsplit(".", 1)[0] if "." in name else ""
        if receiver in ("self", "cls") and (last.startswith("assert") or last == "fail"):
            if last in self.module.helpers:  # a helper method named assert_something
                yield from self._helper(last, mult, node)
                return
            yield from self._check(node, unittest_strength(last, node.args), mult, swallow)
        elif name in ("pytest.fail", "fail"):
            yield from self._check(node, STRONG, mult, swallow)
        elif last in ("raises", "warns") and receiver.endswith("pytest") and len(node.args) > 1:
            yield from self._check(node, _raises_strength(node), mult, swallow)
        elif name in ("pytest.skip", "pytest.xfail", "self.skipTest", "pytest.importorskip"):
            self.event("skip", node, name)
        elif receiver in ("self", "cls", "") and last in self.module.helpers:
            yield from self._helper(last, mult, node)
        elif receiver in ("self", "cls", "") and self.module.called_test(last) is not None:
            yield from self.module.called_test(last) or ()  # once, whatever the loop
        elif last in _PYTESTER_CHECKS and receiver:  # result.stdout.fnmatch_lines([...])
            yield from self._check(node, STRONG, mult, swallow)
        elif last.startswith("assert"):  # mock.assert_called_with, np.testing.assert_*, imports
            strength = WEAK if last in ("assert_called", "assert_any_call") else STRONG
            yield from self._check(node, strength, mult, swallow)

    def _helper(self, name: str, mult: int, node: ast.AST) -> Iterator[Check]:
        checks, events = self.module.summary(name)
        for e in events:  # a skip in a helper skips the test that calls it, from the call
            self.event(e.kind, node, f"{name}: {e.key}")
        for check in checks:
            yield check._replace(times=min(check.times * mult, _MAX_MULTIPLIER))

    def _check(self, node: ast.AST, strength: int, mult: int, swallow: bool) -> Iterator[Check]:
        key = ast.dump(node)
        if strength == 0:
            self.event("tautology", node, key)
            return
        line = getattr(node, "lineno", 1)
        text = source_line(self.module.lines, line)
        if swallow:
            self.event("swallowed", node, key)
        form = shape(node)
        if strength == STRONG and _is_equality(node):
            # equal to True or False is a truthiness check, as `assertTrue(x)` is
            strength = WEAK if _compares_to_bool(node) else EXACT
        yield Check(key, strength, line, text, mult, form)


_UNITTEST_FORMS = {
    "assertEqual": "{0}=={1}",
    "assertEquals": "{0}=={1}",
    "assertCountEqual": "{0}=={1}",
    "assertListEqual": "{0}=={1}",
    "assertDictEqual": "{0}=={1}",
    "assertTupleEqual": "{0}=={1}",
    "assertSetEqual": "{0}=={1}",
    "assertMultiLineEqual": "{0}=={1}",
    "assertSequenceEqual": "{0}=={1}",
    "assertNotEqual": "{0}!={1}",
    "assertIs": "{0} is {1}",
    "assertIsNot": "{0} is not {1}",
    "assertIn": "{0} in {1}",
    "assertNotIn": "{0} not in {1}",
    "assertGreater": "{0}>{1}",
    "assertGreaterEqual": "{0}>={1}",
    "assertLess": "{0}<{1}",
    "assertLessEqual": "{0}<={1}",
    "assertIsNone": "{0} is _",
    "assertIsNotNone": "{0} is not _",
    "assertTrue": "{0}",
    "assert_": "{0}",
    "assertFalse": "not {0}",
    "assertIsInstance": "isinstance({0},{1})",
    "assertRaises": "raises({0})",
    "assertRaisesRegex": "raises({0})",
    "assertRaisesRegexp": "raises({0})",
    "assertWarns": "warns({0})",
    "assertWarnsRegex": "warns({0})",
    "assertNotIsInstance": "not isinstance({0},{1})",
}
_COMPARE_OPS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: " is ",
    ast.IsNot: " is not ",
    ast.In: " in ",
    ast.NotIn: " not in ",
}


def shape(node: ast.AST) -> str:
    """What a check checks, with values and local names left out and one form for
    equivalent spellings (`self.assertEqual(a, b)` and `assert a == b`): the same before
    and after a parametrize conversion, a rename of variables or a change of style."""
    if isinstance(node, ast.Assert):
        return shape(node.test)
    if isinstance(node, (ast.Constant, ast.Name)):
        return "_"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return shape(node.operand)
    if isinstance(node, ast.Attribute):
        base = shape(node.value)
        return "_" if base == "_" else f"{base}.{node.attr}"
    if isinstance(node, ast.Call):
        name = dotted(node.func)
        last = name.rsplit(".", 1)[-1]
        args = [shape(a) for a in node.args]
        if last in _UNITTEST_FORMS and name.startswith(("self.", "cls.")) and args:
            return _UNITTEST_FORMS[last].format(*args, "_", "_")
        if last[:1].isupper() and all(a == "_" for a in args):
            return "_"  # a value built from values
        func = last if isinstance(node.func, ast.Attribute) else name or shape(node.func)
        return f"{func}({','.join(args)})"
    if isinstance(node, ast.Compare):
        out = shape(node.left)
        for op, right in zip(node.ops, node.comparators, strict=False):
            out += _COMPARE_OPS.get(type(op), "?") + shape(right)
        return out
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return f"not {shape(node.operand)}"
    if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        parts = [shape(c) for c in ast.iter_child_nodes(node)]
        return "_" if all(p == "_" for p in parts) else f"[{','.join(parts)}]"
    parts = [
        shape(c)
        for c in ast.iter_child_nodes(node)
        if not isinstance(c, (ast.expr_context, ast.operator, ast.boolop, ast.cmpop, ast.unaryop))
    ]
    if isinstance(node, ast.expr) and all(p == "_" for p in parts):
        return "_"  # `2 * k`, `x[0]`: a value computed from values
    return f"{type(node).__name__}({','.join(parts)})"


_EQUALITY_METHODS = {
    "assertEqual",
    "assertEquals",
    "assertCountEqual",
    "assertListEqual",
    "assertDictEqual",
    "assertTupleEqual",
    "assertSetEqual",
    "assertMultiLineEqual",
    "assertSequenceEqual",
    "assertIs",
    "assertIsNone",
    "assert_called_once_with",
    "assert_called_with",
    "assert_has_calls",
}


def _is_equality(node: ast.AST) -> bool:
    """`assert a == b`, `assert x is None`, `self.assertEqual(a, b)`: an exact check."""
    test = node.test if isinstance(node, ast.Assert) else node
    if isinstance(test, ast.Compare):
        return len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.Is))
    if isinstance(test, ast.Call):
        name = dotted(test.func).rsplit(".", 1)[-1]
        if name in ("assertTrue", "assert_") and test.args:
            return _is_equality(test.args[0])
        return name in _EQUALITY_METHODS
    return False


def _compares_to_bool(node: ast.AST) -> bool:
    """`assert x == True`, `assert x is False`, `self.assertEqual(x, True)`."""
    test = node.test if isinstance(node, ast.Assert) else node
    if isinstance(test, ast.Compare):
        operands = [test.left, *test.comparators]
    elif isinstance(test, ast.Call):
        name = dotted(test.func).rsplit(".", 1)[-1]
        if name in ("assertTrue", "assert_") and test.args:
            return _compares_to_bool(test.args[0])
        operands = list(test.args[:2])
    else:
        return False
    return any(isinstance(o, ast.Constant) and isinstance(o.value, bool) for o in operands)


def _raises_strength(node: ast.Call) -> int:
    broad = node.args and dotted(node.args[0]) in ("Exception", "BaseException")
    return WEAK if broad else STRONG


def _ends(stmt: ast.stmt) -> bool:
    """Whether nothing after `stmt` runs: a return, a raise, or an `if True:` that ends."""
    if isinstance(stmt, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
        return True
    if isinstance(stmt, ast.If) and _truthy_constant(stmt.test):
        return any(_ends(s) for s in stmt.body)
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        return dotted(stmt.value.func) in ("pytest.skip", "pytest.xfail", "self.skipTest")
    return False


def _caught_names(caught: ast.AST | None, consts: dict[str, ast.AST], depth: int = 0) -> list[str]:
    """The exception classes an `except` names, through aliases (`Failure = AssertionError`)."""
    if caught is None:
        return ["BaseException"]
    if isinstance(caught, ast.Tuple):
        return [n for e in caught.elts for n in _caught_names(e, consts, depth)]
    name = dotted(caught)
    alias = consts.get(name)
    if alias is not None and depth < 10 and isinstance(alias, (ast.Name, ast.Attribute, ast.Tuple)):
        return [name, *_caught_names(alias, consts, depth + 1)]
    return [name]


def _swallows(handlers: list[ast.ExceptHandler], consts: dict[str, ast.AST]) -> bool:
    for handler in handlers:
        names = _caught_names(handler.type, consts)
        if not any(n.rsplit(".", 1)[-1] in _SWALLOWING for n in names):
            continue
        reraises = any(
            isinstance(n, ast.Raise)
            or (isinstance(n, ast.Call) and dotted(n.func).rsplit(".", 1)[-1] == "fail")
            for stmt in handler.body
            for n in ast.walk(stmt)
        )
        if not reraises:
            return True
    return False
