"""expresso-style tests (functions exported under names that start with "test"), found on
real history (issue 13): express's early suites, on a file of real size."""

from __future__ import annotations

from agentlint.weakened import js
from tests.weakened.test_real_patterns import codes, judge

PATH = "test/express.test.js"


def expresso_suite(n: int = 40, *, arrow: bool = False) -> str:
    """`module.exports = {'test x': function(assert) {...}}` with `n` tests on an invented
    router, a helper that is exported but is not a test, and a deferred check."""
    opener = "(assert) => {" if arrow else "function(assert){"
    out = [
        "",
        "var router = require('router'),",
        "    http = require('http');",
        "",
        "module.exports = {",
        f"    'test .version': {opener}",
        "        assert.ok(/^\\d+\\.\\d+\\.\\d+$/.test(router.version), 'Test version');",
        "    },",
        "",
        "    setup: function(){",
        "        return router.createServer();",
        "    },",
        "",
    ]
    for k in range(n):
        out += [
            f"    'test route {k}': {opener}",
            "        var server = router.createServer();",
            f"        server.get('/r{k}', function(req, res){{",
            "            res.writeHead(200, {});",
            f"            res.end('route {k}');",
            "        });",
            f"        assert.response(server, {{ url: '/r{k}' }}, {{ body: 'route {k}' }});",
            f"        assert.equal({k}, server.routes.length - 1);",
            "    },",
            "",
        ]
    out += [
        "    'test constructor middleware': function(assert, beforeExit){",
        "        var calls = [];",
        "        var app = router.createServer(function(req, res, next){",
        "            calls.push('one');",
        "            next();",
        "        });",
        "        beforeExit(function(){",
        "            assert.eql(['one'], calls);",
        "        });",
        "    }",
        "};",
        "",
    ]
    return "\n".join(out)


def test_expresso_exported_functions_named_test_are_tests():
    parsed = js.measure(expresso_suite())
    names = [t.name for t in parsed.tests]
    assert names[:2] == ["test .version", "test route 0"]
    assert "setup" not in names and len(names) == 42
    route = next(t for t in parsed.tests if t.name == "test route 3")
    assert len(route.checks) == 2
    middleware = next(t for t in parsed.tests if t.name == "test constructor middleware")
    assert [c.sig for c in middleware.checks] == ["assert.eql(['one'],calls)"]
    arrows = js.measure(expresso_suite(arrow=True))
    assert [t.name for t in arrows.tests] == names


def test_expresso_a_removed_test_is_reported_and_a_moved_one_is_not():
    """express: the 'test .version' entry (assert.ok on the version's format) is removed."""
    before = expresso_suite()
    version = before.split("    'test .version'")[1].split("    setup:")[0]
    gone = before.replace("    'test .version'" + version, "")
    found = judge({PATH: (before, gone)})
    assert [(w.code, w.test) for w in found] == [("AL302", "test .version")]
    # the twin: the same test moved to the end of the object, renamed
    moved = gone.replace(
        "    'test constructor middleware'",
        "    'test version format'" + version + "    'test constructor middleware'",
    )
    assert codes({PATH: (before, moved)}) == []
    # and a check dropped from a test that stays
    looser = before.replace("        assert.equal(7, server.routes.length - 1);\n", "")
    found = judge({PATH: (before, looser)})
    assert [(w.code, w.test) for w in found] == [("AL303", "test route 7")]


def test_expresso_a_test_that_returns_early_is_caught():
    before = expresso_suite()
    head = "    'test route 5': function(assert){\n"
    returns = before.replace(head, head + "        return;\n")
    assert [(w.code, w.test) for w in judge({PATH: (before, returns)})] == [
        ("AL303", "test route 5")
    ]
    on_ci = before.replace(head, head + "        if (process.env.CI) return;\n")
    assert [(w.code, w.test) for w in judge({PATH: (before, on_ci)})] == [("AL304", "test route 5")]
