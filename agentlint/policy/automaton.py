"""A Thompson automaton for the steps policy/linear.py reads from a translated regex, run
by keeping every state it can be in (bit masks, with a bounded cache of moves: a lazily
built DFA). Time O(text x pattern), whatever the pattern."""

from __future__ import annotations

from agentlint.policy.linear import Step, any_char, literal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from agentlint.policy.linear import Test


class Automaton:
    """A Thompson automaton over the steps, run by state sets: linear in the text."""

    def __init__(self, steps: list[Step]) -> None:
        # node: (kind, test, successors); kinds: "char", "split", "end", "end_z", "accept"
        self.nodes: list[tuple[str, Test | None, list[int]]] = []
        self.start = self._chain(steps)
        self._prepare()

    def _add(self, kind: str, test: Test | None = None) -> int:
        self.nodes.append((kind, test, []))
        return len(self.nodes) - 1

    def _link(self, node: int, target: int) -> None:
        self.nodes[node][2].append(target)

    def _chain(self, steps: list[Step]) -> int:
        accept = self._add("accept")
        nxt = accept
        for step in reversed(steps):
            nxt = self._step(step, nxt, accept)
        return nxt

    def _char(self, test: Test, loop: str, nxt: int) -> int:
        node = self._add("char", test)
        if loop == "":
            self._link(node, nxt)
            return node
        split = self._add("split")
        self._link(node, split)
        self._link(split, node)
        self._link(split, nxt)
        if loop == "+":
            return node
        entry = self._add("split")
        self._link(entry, node)
        self._link(entry, nxt)
        return entry

    def _step(self, step: Step, nxt: int, accept: int) -> int:
        if step.kind == "char":
            assert step.test is not None
            return self._char(step.test, step.loop, nxt)
        if step.kind in ("end", "end_z"):
            node = self._add(step.kind)
            self._link(node, nxt)
            return node
        if step.kind == "slash_or_end":
            entry = self._add("split")
            self._link(entry, self._char(literal("/"), "", nxt))
            end = self._add("end")
            self._link(end, nxt)
            self._link(entry, end)
            return entry
        # lead: (.+/)? ; inner: (/.+)?
        entry = self._add("split")
        if step.kind == "lead":
            body = self._char(any_char, "+", self._char(literal("/"), "", nxt))
        else:
            body = self._char(literal("/"), "", self._char(any_char, "+", nxt))
        self._link(entry, body)
        self._link(entry, nxt)
        return entry

    def _prepare(self) -> None:
        """Bit masks: each node's closure over moves that consume nothing (stopping at end
        checks, which depend on the position), and which nodes test characters."""
        count = len(self.nodes)
        self._reach = [0] * count
        for node in range(count):
            seen, stack = 0, [node]
            while stack:
                n = stack.pop()
                if seen >> n & 1:
                    continue
                seen |= 1 << n
                kind, _, successors = self.nodes[n]
                if kind not in ("char", "end", "end_z"):
                    stack.extend(successors)
            self._reach[node] = seen
        self._after = [0] * count  # a char node's successors' closure
        for node, (kind, _, successors) in enumerate(self.nodes):
            for succ in successors:
                if kind == "char":
                    self._after[node] |= self._reach[succ]
        self._accept = sum(1 << n for n, (k, _, _) in enumerate(self.nodes) if k == "accept")
        self._chars = [(n, t) for n, (k, t, _) in enumerate(self.nodes) if k == "char" and t]
        self._ends = [(n, k) for n, (k, _, _) in enumerate(self.nodes) if k in ("end", "end_z")]
        self._by_char: dict[str, int] = {}
        self._moves: dict[tuple[int, str], int] = {}

    def _mask(self, char: str) -> int:
        mask = self._by_char.get(char)
        if mask is None:
            mask = sum(1 << n for n, test in self._chars if test(char))
            if len(self._by_char) < 4096:
                self._by_char[char] = mask
        return mask

    def _pass_ends(self, states: int, text: str, pos: int) -> int:
        """Follow end checks that hold at `pos`: `\\Z` at the end, `$` also before a final
        newline (Python's rule)."""
        at_end = pos == len(text)
        newline = pos == len(text) - 1 and text[pos] == "\n"
        changed = True
        while changed:
            changed = False
            for node, kind in self._ends:
                if states >> node & 1 and (at_end or (kind == "end" and newline)):
                    for succ in self.nodes[node][2]:
                        if not states >> succ & 1 or self._reach[succ] & ~states:
                            states |= self._reach[succ]
                            changed = True
        return states

    def _move(self, states: int, char: str) -> int:
        """The states after reading `char`, remembered (a lazily built DFA, bounded)."""
        key = (states, char)
        moved = self._moves.get(key)
        if moved is None:
            active, moved = states & self._mask(char), 0
            while active:
                low = active & -active
                moved |= self._after[low.bit_length() - 1]
                active ^= low
            if len(self._moves) < 65536:
                self._moves[key] = moved
        return moved

    def match(self, text: str) -> bool | None:
        """True when the automaton accepts a prefix of the text (as `re.match`), else None."""
        states = self._reach[self.start]
        last = len(text) - 1
        for pos, char in enumerate(text):
            if pos >= last:
                states = self._pass_ends(states, text, pos)
            if states & self._accept:
                return True
            states = self._move(states, char)
            if not states:
                return None
        states = self._pass_ends(states, text, len(text))
        return True if states & self._accept else None
