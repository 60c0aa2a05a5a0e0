"""The order helpers are measured in: each after the helpers it calls. Pure, and free of
the token scanner, so the Python reader does not import `scan` and its regexes."""

from __future__ import annotations


def callees_first(graph: dict[str, list[str]]) -> list[str]:
    """The helpers of `graph` (name -> the helpers it calls) ordered so that each comes
    after those it calls, without recursion (a chain of helpers can be long); a cycle is
    broken where it is found."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: in progress, 2: done
    for root in graph:
        if state.get(root):
            continue
        stack = [(root, iter(graph[root]))]
        state[root] = 1
        while stack:
            name, callees = stack[-1]
            for callee in callees:
                if callee in graph and not state.get(callee):
                    state[callee] = 1
                    stack.append((callee, iter(graph[callee])))
                    break
            else:
                stack.pop()
                state[name] = 2
                order.append(name)
    return order
