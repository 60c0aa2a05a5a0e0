"""A labeled corpus of before/after test changes, written for agentlint.

Each case is what an agent might commit: a weakening (labeled with the rule that must
report it) or an honest refactor (labeled None: nothing may be reported). The cases follow
the shapes real suites use: pytest and unittest, jest, vitest, mocha and node:test, Go
table tests with testify, JUnit and AssertJ, Rust's assert family.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple


class Case(NamedTuple):
    name: str
    expected: str | None  # the rule that must report it; None for an honest change
    files: dict[str, tuple[str | None, str | None]]  # path -> (before, after); None: absent


def _d(text: str | None) -> str | None:
    return None if text is None else textwrap.dedent(text).lstrip("\n")


def _s(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def case(name: str, expected: str | None, path: str, before: str | None, after: str | None) -> Case:
    return Case(name, expected, {path: (_d(before), _d(after))})


def multi(name: str, expected: str | None, files: dict[str, tuple[str | None, str | None]]) -> Case:
    return Case(name, expected, {p: (_d(b), _d(a)) for p, (b, a) in files.items()})


# -- Python ---------------------------------------------------------------------------------

PY_CART = _s("""
    from shop.cart import Cart, Item


    def test_total_sums_items():
        cart = Cart([Item("apple", 3), Item("pear", 2)])
        assert cart.total() == 5
        assert cart.count() == 2


    def test_empty_cart_total_is_zero():
        assert Cart([]).total() == 0


    def test_discount_applies():
        cart = Cart([Item("apple", 10)], discount=0.1)
        assert cart.total() == 9
""")

PY_UNITTEST = _s("""
    import unittest

    from shop.users import create_user


    class CreateUserTest(unittest.TestCase):
        def test_sets_name(self):
            user = create_user("ada")
            self.assertEqual(user.name, "ada")
            self.assertEqual(user.role, "member")

        def test_rejects_blank(self):
            with self.assertRaises(ValueError):
                create_user("")
""")

PY_PARAM = _s("""
    import pytest

    from shop.money import parse_amount


    @pytest.mark.parametrize(
        ("text", "cents"),
        [
            ("1.00", 100),
            ("0.5", 50),
            ("12", 1200),
            ("-3.25", -325),
        ],
    )
    def test_parse_amount(text, cents):
        assert parse_amount(text) == cents
""")

PY_API = _s("""
    from unittest import mock

    import pytest

    from shop.api import client, notify


    def test_get_order_returns_json():
        response = client.get("/orders/1")
        assert response.status_code == 200
        assert response.json() == {"id": 1, "state": "paid"}


    def test_notify_sends_mail():
        mailer = mock.Mock()
        notify(mailer, "ada@example.com")
        mailer.send.assert_called_once_with("ada@example.com", subject="Paid")


    def test_missing_order_raises():
        with pytest.raises(LookupError, match="order 9"):
            client.fetch(9)
""")

PYTHON = [
    case(
        "py: assertion deleted",
        "AL303",
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace("    assert cart.count() == 2\n", ""),
    ),
    case(
        "py: assertEqual loosened to assertIsNotNone",
        "AL303",
        "tests/test_users.py",
        PY_UNITTEST,
        PY_UNITTEST.replace(
            'self.assertEqual(user.role, "member")', "self.assertIsNotNone(user.role)"
        ),
    ),
    case(
        "py: skip marker added",
        "AL304",
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace(
            "def test_discount_applies",
            '@pytest.mark.skip(reason="flaky")\ndef test_discount_applies',
        ).replace("from shop", "import pytest\nfrom shop", 1),
    ),
    case(
        "py: xfail added",
        "AL304",
        "tests/test_money.py",
        PY_PARAM,
        PY_PARAM.replace(
            "def test_parse_amount", "@pytest.mark.xfail(strict=False)\ndef test_parse_amount"
        ),
    ),
    case(
        "py: assertion replaced by assert True",
        "AL306",
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace("assert Cart([]).total() == 0", "assert True"),
    ),
    case(
        "py: failure swallowed by except AssertionError",
        "AL307",
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace(
            "    assert cart.total() == 9\n",
            "    try:\n        assert cart.total() == 9\n    except AssertionError:\n        pass\n",
        ),
    ),
    case(
        "py: test deleted",
        "AL302",
        "tests/test_cart.py",
        PY_CART,
        PY_CART.split("\n\n\ndef test_discount_applies")[0] + "\n",
    ),
    multi("py: test file deleted", "AL301", {"tests/test_money.py": (PY_PARAM, None)}),
    case(
        "py: parametrize case removed",
        "AL303",
        "tests/test_money.py",
        PY_PARAM,
        PY_PARAM.replace('        ("-3.25", -325),\n', ""),
    ),
    case(
        "py: unittest class skipped",
        "AL304",
        "tests/test_users.py",
        PY_UNITTEST,
        PY_UNITTEST.replace(
            "class CreateUserTest", '@unittest.skip("broken")\nclass CreateUserTest'
        ),
    ),
    case(
        "py: early return makes the checks dead",
        "AL303",
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace(
            '    cart = Cart([Item("apple", 10)], discount=0.1)\n',
            '    cart = Cart([Item("apple", 10)], discount=0.1)\n    return\n',
        ),
    ),
    case(
        "py: skipTest at run time",
        "AL304",
        "tests/test_users.py",
        PY_UNITTEST,
        PY_UNITTEST.replace(
            '        user = create_user("ada")\n',
            '        self.skipTest("later")\n        user = create_user("ada")\n',
        ),
    ),
    case(
        "py: assertion commented out",
        "AL303",
        "tests/test_api.py",
        PY_API,
        PY_API.replace("    assert response.json() ==", "    # assert response.json() =="),
    ),
    case(
        "py: x == x tautology",
        "AL306",
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace("assert cart.total() == 9", "assert cart.total() == cart.total()"),
    ),
    case(
        "py: contextlib.suppress(AssertionError)",
        "AL307",
        "tests/test_api.py",
        PY_API.replace("from unittest import mock", "import contextlib\nfrom unittest import mock"),
        PY_API.replace(
            "from unittest import mock", "import contextlib\nfrom unittest import mock"
        ).replace(
            '    assert response.status_code == 200\n    assert response.json() == {"id": 1, "state": "paid"}\n',
            '    with contextlib.suppress(AssertionError):\n        assert response.status_code == 200\n        assert response.json() == {"id": 1, "state": "paid"}\n',
        ),
    ),
    case(
        "py: assert on a tuple is always true",
        "AL306",
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace(
            "assert Cart([]).total() == 0", 'assert (Cart([]).total() == 0, "empty cart")'
        ),
    ),
    case(
        "py: helper loses an assertion",
        "AL303",
        "tests/test_orders.py",
        """
        from shop.api import client


        def check_order(order):
            assert order["id"] > 0
            assert order["state"] in {"paid", "open"}


        def test_first_order():
            check_order(client.get("/orders/1").json())


        def test_second_order():
            check_order(client.get("/orders/2").json())
    """,
        """
        from shop.api import client


        def check_order(order):
            assert order["id"] > 0


        def test_first_order():
            check_order(client.get("/orders/1").json())


        def test_second_order():
            check_order(client.get("/orders/2").json())
    """,
    ),
    case(
        "py: pytest.raises broadened to Exception",
        "AL303",
        "tests/test_api.py",
        PY_API,
        PY_API.replace('pytest.raises(LookupError, match="order 9")', "pytest.raises(Exception)"),
    ),
    case(
        "py: mock assert loosened to assert_called",
        "AL303",
        "tests/test_api.py",
        PY_API,
        PY_API.replace(
            'assert_called_once_with("ada@example.com", subject="Paid")', "assert_called()"
        ),
    ),
    case(
        "py: renamed and an assertion dropped",
        "AL303",
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace("def test_total_sums_items", "def test_total").replace(
            "    assert cart.count() == 2\n", ""
        ),
    ),
    case(
        "py: module-level pytestmark skip",
        "AL304",
        "tests/test_money.py",
        PY_PARAM,
        PY_PARAM.replace(
            "from shop.money import parse_amount\n",
            'from shop.money import parse_amount\n\npytestmark = pytest.mark.skip(reason="wip")\n',
        ),
    ),
    case(
        "py: broad except swallows the failure",
        "AL307",
        "tests/test_api.py",
        PY_API,
        PY_API.replace(
            '    response = client.get("/orders/1")\n    assert response.status_code == 200\n',
            '    try:\n        response = client.get("/orders/1")\n        assert response.status_code == 200\n    except Exception:\n        return\n',
        ),
    ),
    # honest refactors
    case(
        "py: five copies merged into parametrize",
        None,
        "tests/test_money.py",
        """
        from shop.money import parse_amount


        def test_parse_whole():
            assert parse_amount("12") == 1200


        def test_parse_cents():
            assert parse_amount("1.00") == 100


        def test_parse_half():
            assert parse_amount("0.5") == 50


        def test_parse_negative():
            assert parse_amount("-3.25") == -325


        def test_parse_zero():
            assert parse_amount("0") == 0
    """,
        PY_PARAM.replace(
            '        ("-3.25", -325),\n', '        ("-3.25", -325),\n        ("0", 0),\n'
        ),
    ),
    multi(
        "py: tests moved to another file",
        None,
        {
            "tests/test_cart.py": (
                PY_CART,
                PY_CART.split("\n\n\ndef test_discount_applies")[0] + "\n",
            ),
            "tests/test_discounts.py": (
                None,
                """
            from shop.cart import Cart, Item


            def test_discount_applies():
                cart = Cart([Item("apple", 10)], discount=0.1)
                assert cart.total() == 9
        """,
            ),
        },
    ),
    case(
        "py: test renamed",
        None,
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace("test_empty_cart_total_is_zero", "test_total_of_empty_cart"),
    ),
    case(
        "py: assertions extracted into a helper",
        None,
        "tests/test_api.py",
        PY_API,
        PY_API.replace(
            """def test_get_order_returns_json():
    response = client.get("/orders/1")
    assert response.status_code == 200
    assert response.json() == {"id": 1, "state": "paid"}""",
            """def assert_paid(resp):
    assert resp.status_code == 200
    assert resp.json() == {"id": 1, "state": "paid"}


def test_get_order_returns_json():
    assert_paid(client.get("/orders/1"))""",
        ),
    ),
    case(
        "py: reformatted",
        None,
        "tests/test_api.py",
        PY_API,
        PY_API.replace(
            'assert response.json() == {"id": 1, "state": "paid"}',
            'assert response.json() == {\n        "id": 1,\n        "state": "paid",\n    }',
        ).replace(
            'mailer.send.assert_called_once_with("ada@example.com", subject="Paid")',
            'mailer.send.assert_called_once_with(\n        "ada@example.com", subject="Paid"\n    )',
        ),
    ),
    case(
        "py: tests added",
        None,
        "tests/test_cart.py",
        PY_CART,
        PY_CART
        + """

def test_remove_item():
    cart = Cart([Item("apple", 3)])
    cart.remove("apple")
    assert cart.count() == 0
""",
    ),
    case(
        "py: unittest copies merged into a subTest loop",
        None,
        "tests/test_slug.py",
        """
        import unittest

        from shop.text import slugify


        class SlugTest(unittest.TestCase):
            def test_spaces(self):
                self.assertEqual(slugify("a b"), "a-b")

            def test_case(self):
                self.assertEqual(slugify("A"), "a")

            def test_symbols(self):
                self.assertEqual(slugify("a&b"), "a-b")
    """,
        """
        import unittest

        from shop.text import slugify

        CASES = [("a b", "a-b"), ("A", "a"), ("a&b", "a-b")]


        class SlugTest(unittest.TestCase):
            def test_slugify(self):
                for text, slug in CASES:
                    with self.subTest(text=text):
                        self.assertEqual(slugify(text), slug)
    """,
    ),
    case(
        "py: parametrize case added",
        None,
        "tests/test_money.py",
        PY_PARAM,
        PY_PARAM.replace(
            '        ("12", 1200),\n', '        ("12", 1200),\n        ("7.07", 707),\n'
        ),
    ),
    case(
        "py: assertTrue(a == b) made assertEqual",
        None,
        "tests/test_users.py",
        PY_UNITTEST.replace(
            'self.assertEqual(user.name, "ada")', 'self.assertTrue(user.name == "ada")'
        ),
        PY_UNITTEST,
    ),
    case(
        "py: one test split in two",
        None,
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace(
            """def test_total_sums_items():
    cart = Cart([Item("apple", 3), Item("pear", 2)])
    assert cart.total() == 5
    assert cart.count() == 2""",
            """def test_total_sums_items():
    cart = Cart([Item("apple", 3), Item("pear", 2)])
    assert cart.total() == 5


def test_count_items():
    cart = Cart([Item("apple", 3), Item("pear", 2)])
    assert cart.count() == 2""",
        ),
    ),
    case(
        "py: expected value updated with the behaviour",
        None,
        "tests/test_cart.py",
        PY_CART,
        PY_CART.replace("assert cart.total() == 9", "assert cart.total() == 9.0"),
    ),
    case(
        "py: unittest converted to pytest style",
        None,
        "tests/test_users.py",
        PY_UNITTEST,
        """
        import pytest

        from shop.users import create_user


        class TestCreateUser:
            def test_sets_name(self):
                user = create_user("ada")
                assert user.name == "ada"
                assert user.role == "member"

            def test_rejects_blank(self):
                with pytest.raises(ValueError):
                    create_user("")
    """,
    ),
    case(
        "py: tests reordered with comments",
        None,
        "tests/test_cart.py",
        PY_CART,
        """
        from shop.cart import Cart, Item

        # Discounts first: they are what broke last time.


        def test_discount_applies():
            cart = Cart([Item("apple", 10)], discount=0.1)
            assert cart.total() == 9


        def test_total_sums_items():
            cart = Cart([Item("apple", 3), Item("pear", 2)])
            # both numbers matter
            assert cart.total() == 5
            assert cart.count() == 2


        def test_empty_cart_total_is_zero():
            assert Cart([]).total() == 0
    """,
    ),
]

# -- JavaScript and TypeScript ----------------------------------------------------------------

JS_CART = _s("""
    import { describe, it, expect } from "vitest";
    import { Cart } from "../src/cart";

    describe("Cart", () => {
      it("sums the items", () => {
        const cart = new Cart([{ name: "apple", price: 3 }, { name: "pear", price: 2 }]);
        expect(cart.total()).toBe(5);
        expect(cart.items).toEqual(["apple", "pear"]);
      });

      it("is empty by default", () => {
        expect(new Cart().total()).toBe(0);
      });

      it("applies a discount", () => {
        const cart = new Cart([{ name: "apple", price: 10 }], { discount: 0.1 });
        expect(cart.total()).toBeCloseTo(9);
      });
    });
""")

JS_API = _s("""
    const { fetchUser, notify } = require("../lib/api");

    describe("api", () => {
      test("fetches a user", async () => {
        const user = await fetchUser(1);
        expect(user).toEqual({ id: 1, name: "Ada" });
      });

      test("notifies by mail", () => {
        const mailer = { send: jest.fn() };
        notify(mailer, "ada@example.com");
        expect(mailer.send).toHaveBeenCalledWith("ada@example.com");
      });

      test("rejects unknown users", async () => {
        await expect(fetchUser(99)).rejects.toThrow("no user 99");
      });
    });
""")

JS_EACH = _s("""
    import { slugify } from "../src/slug";

    describe("slugify", () => {
      it.each([
        ["a b", "a-b"],
        ["A", "a"],
        ["a&b", "a-b"],
        ["  x  ", "x"],
      ])("slugifies %s", (input, slug) => {
        expect(slugify(input)).toBe(slug);
      });
    });
""")

JAVASCRIPT = [
    case(
        "js: expect deleted",
        "AL303",
        "src/cart.test.ts",
        JS_CART,
        JS_CART.replace('    expect(cart.items).toEqual(["apple", "pear"]);\n', ""),
    ),
    case(
        "js: toEqual loosened to toBeDefined",
        "AL303",
        "test/api.test.js",
        JS_API,
        JS_API.replace(
            'expect(user).toEqual({ id: 1, name: "Ada" });', "expect(user).toBeDefined();"
        ),
    ),
    case(
        "js: it.skip",
        "AL304",
        "src/cart.test.ts",
        JS_CART,
        JS_CART.replace('it("applies a discount"', 'it.skip("applies a discount"'),
    ),
    case(
        "js: it.only",
        "AL305",
        "src/cart.test.ts",
        JS_CART,
        JS_CART.replace('it("is empty by default"', 'it.only("is empty by default"'),
    ),
    case(
        "js: fdescribe",
        "AL305",
        "test/api.test.js",
        JS_API,
        JS_API.replace('describe("api"', 'fdescribe("api"'),
    ),
    case(
        "js: xit",
        "AL304",
        "src/cart.test.ts",
        JS_CART,
        JS_CART.replace('  it("sums the items"', '  xit("sums the items"'),
    ),
    case(
        "js: expect(true).toBe(true)",
        "AL306",
        "src/cart.test.ts",
        JS_CART,
        JS_CART.replace("expect(new Cart().total()).toBe(0);", "expect(true).toBe(true);"),
    ),
    case(
        "js: try/catch swallows the failure",
        "AL307",
        "test/api.test.js",
        JS_API,
        JS_API.replace(
            '    expect(user).toEqual({ id: 1, name: "Ada" });\n',
            '    try {\n      expect(user).toEqual({ id: 1, name: "Ada" });\n    } catch (e) {\n      console.warn(e);\n    }\n',
        ),
    ),
    case(
        "js: test deleted",
        "AL302",
        "test/api.test.js",
        JS_API,
        JS_API.replace(
            """  test("notifies by mail", () => {
    const mailer = { send: jest.fn() };
    notify(mailer, "ada@example.com");
    expect(mailer.send).toHaveBeenCalledWith("ada@example.com");
  });

""",
            "",
        ),
    ),
    case(
        "js: it.each row removed",
        "AL303",
        "src/slug.spec.ts",
        JS_EACH,
        JS_EACH.replace('    ["  x  ", "x"],\n', ""),
    ),
    case(
        "js: expect commented out",
        "AL303",
        "src/cart.test.ts",
        JS_CART,
        JS_CART.replace(
            "    expect(cart.total()).toBeCloseTo(9);",
            "    // expect(cart.total()).toBeCloseTo(9);",
        ),
    ),
    multi("js: spec file deleted", "AL301", {"src/slug.spec.ts": (JS_EACH, None)}),
    case(
        "js: node:test skip option",
        "AL304",
        "test/math.test.mjs",
        """
        import { test } from "node:test";
        import assert from "node:assert/strict";
        import { add } from "../src/math.js";

        test("adds", () => {
          assert.equal(add(1, 2), 3);
        });
    """,
        """
        import { test } from "node:test";
        import assert from "node:assert/strict";
        import { add } from "../src/math.js";

        test("adds", { skip: "fails on CI" }, () => {
          assert.equal(add(1, 2), 3);
        });
    """,
    ),
    case(
        "js: matcher call dropped",
        "AL306",
        "src/cart.test.ts",
        JS_CART,
        JS_CART.replace("expect(new Cart().total()).toBe(0);", "expect(new Cart().total());"),
    ),
    case(
        "js: toHaveBeenCalledWith loosened",
        "AL303",
        "test/api.test.js",
        JS_API,
        JS_API.replace('toHaveBeenCalledWith("ada@example.com")', "toHaveBeenCalled()"),
    ),
    case(
        "js: mocha assert removed",
        "AL303",
        "test/queue.spec.js",
        """
        const assert = require("assert");
        const { Queue } = require("../queue");

        describe("Queue", function () {
          it("keeps order", function () {
            const q = new Queue();
            q.push(1);
            q.push(2);
            assert.strictEqual(q.pop(), 1);
            assert.strictEqual(q.pop(), 2);
          });
        });
    """,
        """
        const assert = require("assert");
        const { Queue } = require("../queue");

        describe("Queue", function () {
          it("keeps order", function () {
            const q = new Queue();
            q.push(1);
            q.push(2);
            assert.strictEqual(q.pop(), 1);
          });
        });
    """,
    ),
    # honest refactors
    case(
        "js: copies merged into it.each",
        None,
        "src/slug.spec.ts",
        """
        import { slugify } from "../src/slug";

        describe("slugify", () => {
          it("replaces spaces", () => {
            expect(slugify("a b")).toBe("a-b");
          });
          it("lowercases", () => {
            expect(slugify("A")).toBe("a");
          });
          it("replaces symbols", () => {
            expect(slugify("a&b")).toBe("a-b");
          });
          it("trims", () => {
            expect(slugify("  x  ")).toBe("x");
          });
        });
    """,
        JS_EACH,
    ),
    multi(
        "js: tests moved to another spec",
        None,
        {
            "test/api.test.js": (
                JS_API,
                JS_API.replace(
                    """  test("notifies by mail", () => {
    const mailer = { send: jest.fn() };
    notify(mailer, "ada@example.com");
    expect(mailer.send).toHaveBeenCalledWith("ada@example.com");
  });

""",
                    "",
                ),
            ),
            "test/notify.test.js": (
                None,
                """
            const { notify } = require("../lib/api");

            describe("api", () => {
              test("notifies by mail", () => {
                const mailer = { send: jest.fn() };
                notify(mailer, "ada@example.com");
                expect(mailer.send).toHaveBeenCalledWith("ada@example.com");
              });
            });
        """,
            ),
        },
    ),
    case(
        "js: test renamed",
        None,
        "src/cart.test.ts",
        JS_CART,
        JS_CART.replace('it("is empty by default"', 'it("totals zero when empty"'),
    ),
    case(
        "js: expectations extracted into a helper",
        None,
        "src/cart.test.ts",
        JS_CART,
        JS_CART.replace(
            """  it("sums the items", () => {
    const cart = new Cart([{ name: "apple", price: 3 }, { name: "pear", price: 2 }]);
    expect(cart.total()).toBe(5);
    expect(cart.items).toEqual(["apple", "pear"]);
  });""",
            """  function expectFruit(cart: Cart) {
    expect(cart.total()).toBe(5);
    expect(cart.items).toEqual(["apple", "pear"]);
  }

  it("sums the items", () => {
    expectFruit(new Cart([{ name: "apple", price: 3 }, { name: "pear", price: 2 }]));
  });""",
        ),
    ),
    case(
        "js: reformatted by prettier",
        None,
        "test/api.test.js",
        JS_API,
        JS_API.replace(
            'expect(user).toEqual({ id: 1, name: "Ada" });',
            'expect(user).toEqual({\n      id: 1,\n      name: "Ada",\n    });',
        ).replace(
            'await expect(fetchUser(99)).rejects.toThrow("no user 99");',
            'await expect(fetchUser(99))\n      .rejects\n      .toThrow("no user 99");',
        ),
    ),
    case(
        "js: tests added",
        None,
        "src/cart.test.ts",
        JS_CART,
        JS_CART[: -len("});\n")]
        + """

  it("removes items", () => {
    const cart = new Cart([{ name: "apple", price: 3 }]);
    cart.remove("apple");
    expect(cart.items).toEqual([]);
  });
});
""",
    ),
    case(
        "js: describe renamed and tests reordered",
        None,
        "test/api.test.js",
        JS_API,
        _s("""
        const { fetchUser, notify } = require("../lib/api");

        describe("the api", () => {
          test("notifies by mail", () => {
            const mailer = { send: jest.fn() };
            notify(mailer, "ada@example.com");
            expect(mailer.send).toHaveBeenCalledWith("ada@example.com");
          });

          test("fetches a user", async () => {
            const user = await fetchUser(1);
            expect(user).toEqual({ id: 1, name: "Ada" });
          });

          test("rejects unknown users", async () => {
            await expect(fetchUser(99)).rejects.toThrow("no user 99");
          });
        });
    """),
    ),
    case(
        "js: toBeTruthy tightened to toBe(true)",
        None,
        "src/flags.test.ts",
        """
        import { isEnabled } from "./flags";

        test("flag on", () => {
          expect(isEnabled("beta")).toBeTruthy();
        });
    """,
        """
        import { isEnabled } from "./flags";

        test("flag on", () => {
          expect(isEnabled("beta")).toBe(true);
        });
    """,
    ),
    case(
        "js: jest imports switched to vitest",
        None,
        "src/cart.test.ts",
        JS_CART.replace('import { describe, it, expect } from "vitest";\n', ""),
        JS_CART,
    ),
    case(
        "js: template strings and regexes around the checks",
        None,
        "src/format.test.ts",
        """
        import { format } from "./format";

        test("formats", () => {
          expect(format(1)).toMatch(/^1\\.00$/);
        });
    """,
        """
        import { format } from "./format";

        const unit = "EUR";

        test(`formats in ${unit}`, () => {
          expect(format(1)).toMatch(/^1\\.00$/);
          expect(format(2, unit)).toBe(`2.00 ${unit}`);
        });
    """,
    ),
]

# -- Go -----------------------------------------------------------------------------------------

GO_TABLE = _s("""
    package money

    import (
    	"testing"

    	"github.com/stretchr/testify/assert"
    )

    func TestParseAmount(t *testing.T) {
    	tests := []struct {
    		name  string
    		in    string
    		cents int
    	}{
    		{"whole", "12", 1200},
    		{"cents", "1.00", 100},
    		{"half", "0.5", 50},
    		{"negative", "-3.25", -325},
    	}
    	for _, tt := range tests {
    		t.Run(tt.name, func(t *testing.T) {
    			got, err := ParseAmount(tt.in)
    			assert.NoError(t, err)
    			assert.Equal(t, tt.cents, got)
    		})
    	}
    }

    func TestFormat(t *testing.T) {
    	if got := Format(1200); got != "12.00" {
    		t.Errorf("Format(1200) = %q, want 12.00", got)
    	}
    	if got := Format(5); got != "0.05" {
    		t.Errorf("Format(5) = %q, want 0.05", got)
    	}
    }
""")

GO = [
    case(
        "go: table row removed",
        "AL303",
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace('\t\t{"negative", "-3.25", -325},\n', ""),
    ),
    case(
        "go: t.Skip added",
        "AL304",
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace(
            "func TestFormat(t *testing.T) {\n",
            'func TestFormat(t *testing.T) {\n\tt.Skip("flaky")\n',
        ),
    ),
    case(
        "go: assert.Equal loosened to assert.NotNil",
        "AL303",
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace("assert.Equal(t, tt.cents, got)", "assert.NotNil(t, got)"),
    ),
    case(
        "go: test function removed",
        "AL302",
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.split("\nfunc TestFormat")[0],
    ),
    case(
        "go: assert.True(t, true)",
        "AL306",
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace("assert.NoError(t, err)", "assert.True(t, true)"),
    ),
    case(
        "go: t.Errorf guard removed",
        "AL303",
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace(
            '\tif got := Format(5); got != "0.05" {\n\t\tt.Errorf("Format(5) = %q, want 0.05", got)\n\t}\n',
            "",
        ),
    ),
    case(
        "go: check commented out",
        "AL303",
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace(
            "\t\t\tassert.Equal(t, tt.cents, got)", "\t\t\t// assert.Equal(t, tt.cents, got)"
        ),
    ),
    # honest refactors
    case(
        "go: separate tests merged into a table",
        None,
        "money/money_test.go",
        """
        package money

        import (
        	"testing"

        	"github.com/stretchr/testify/assert"
        )

        func TestParseWhole(t *testing.T) {
        	got, err := ParseAmount("12")
        	assert.NoError(t, err)
        	assert.Equal(t, 1200, got)
        }

        func TestParseCents(t *testing.T) {
        	got, err := ParseAmount("1.00")
        	assert.NoError(t, err)
        	assert.Equal(t, 100, got)
        }

        func TestParseHalf(t *testing.T) {
        	got, err := ParseAmount("0.5")
        	assert.NoError(t, err)
        	assert.Equal(t, 50, got)
        }

        func TestParseNegative(t *testing.T) {
        	got, err := ParseAmount("-3.25")
        	assert.NoError(t, err)
        	assert.Equal(t, -325, got)
        }

        func TestFormat(t *testing.T) {
        	if got := Format(1200); got != "12.00" {
        		t.Errorf("Format(1200) = %q, want 12.00", got)
        	}
        	if got := Format(5); got != "0.05" {
        		t.Errorf("Format(5) = %q, want 0.05", got)
        	}
        }
    """,
        GO_TABLE,
    ),
    case(
        "go: test renamed",
        None,
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace("func TestFormat(", "func TestFormatCents("),
    ),
    case(
        "go: table rows added",
        None,
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace(
            '\t\t{"half", "0.5", 50},\n', '\t\t{"half", "0.5", 50},\n\t\t{"zero", "0", 0},\n'
        ),
    ),
    case(
        "go: assert switched to require",
        None,
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace("assert.NoError(t, err)", "require.NoError(t, err)").replace(
            '"github.com/stretchr/testify/assert"',
            '"github.com/stretchr/testify/assert"\n\t"github.com/stretchr/testify/require"',
        ),
    ),
    case(
        "go: gofmt-style reflow",
        None,
        "money/money_test.go",
        GO_TABLE,
        GO_TABLE.replace(
            "assert.Equal(t, tt.cents, got)", "assert.Equal(t,\n\t\t\t\ttt.cents,\n\t\t\t\tgot)"
        ),
    ),
    multi(
        "go: test moved to another file",
        None,
        {
            "money/money_test.go": (GO_TABLE, GO_TABLE.split("\nfunc TestFormat")[0]),
            "money/format_test.go": (
                None,
                """
            package money

            import "testing"

            func TestFormat(t *testing.T) {
            	if got := Format(1200); got != "12.00" {
            		t.Errorf("Format(1200) = %q, want 12.00", got)
            	}
            	if got := Format(5); got != "0.05" {
            		t.Errorf("Format(5) = %q, want 0.05", got)
            	}
            }
        """,
            ),
        },
    ),
]

# -- Java and Rust ------------------------------------------------------------------------------

JAVA_CART = _s("""
    package shop;

    import static org.assertj.core.api.Assertions.assertThat;
    import static org.junit.jupiter.api.Assertions.assertEquals;

    import org.junit.jupiter.api.Test;

    class CartTest {
        @Test
        void sumsItems() {
            Cart cart = new Cart(3, 2);
            assertEquals(5, cart.total());
            assertThat(cart.count()).isEqualTo(2);
        }

        @Test
        void emptyCartIsZero() {
            assertEquals(0, new Cart().total());
        }
    }
""")

RUST_LIB = _s("""
    pub fn add(a: i32, b: i32) -> i32 {
        a + b
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn adds_small_numbers() {
            assert_eq!(add(1, 2), 3);
            assert_eq!(add(2, 2), 4);
        }

        #[test]
        #[should_panic(expected = "overflow")]
        fn overflow_panics() {
            add(i32::MAX, 1);
        }
    }
""")

JAVA_RUST = [
    case(
        "java: @Disabled added",
        "AL304",
        "src/test/java/shop/CartTest.java",
        JAVA_CART,
        JAVA_CART.replace(
            "    @Test\n    void emptyCartIsZero",
            '    @Test\n    @Disabled("flaky")\n    void emptyCartIsZero',
        ),
    ),
    case(
        "java: AssertJ isEqualTo loosened to isNotNull",
        "AL303",
        "src/test/java/shop/CartTest.java",
        JAVA_CART,
        JAVA_CART.replace(
            "assertThat(cart.count()).isEqualTo(2);", "assertThat(cart.count()).isNotNull();"
        ),
    ),
    case(
        "java: test method renamed",
        None,
        "src/test/java/shop/CartTest.java",
        JAVA_CART,
        JAVA_CART.replace("void emptyCartIsZero()", "void totalOfEmptyCartIsZero()"),
    ),
    case(
        "java: test added",
        None,
        "src/test/java/shop/CartTest.java",
        JAVA_CART,
        JAVA_CART.replace(
            "    }\n}\n",
            "    }\n\n    @Test\n    void countsItems() {\n        assertEquals(2, new Cart(1, 1).count());\n    }\n}\n",
        ),
    ),
    case(
        "rust: #[ignore] added",
        "AL304",
        "tests/add.rs",
        RUST_LIB,
        RUST_LIB.replace(
            "    #[test]\n    fn adds_small_numbers",
            "    #[test]\n    #[ignore]\n    fn adds_small_numbers",
        ),
    ),
    case(
        "rust: assert_eq! removed",
        "AL303",
        "tests/add.rs",
        RUST_LIB,
        RUST_LIB.replace("        assert_eq!(add(2, 2), 4);\n", ""),
    ),
    case(
        "rust: test renamed",
        None,
        "tests/add.rs",
        RUST_LIB,
        RUST_LIB.replace("fn adds_small_numbers", "fn adds_two_small_numbers"),
    ),
    case(
        "rust: assertion added with a lifetime nearby",
        None,
        "tests/add.rs",
        RUST_LIB,
        RUST_LIB.replace(
            "        assert_eq!(add(2, 2), 4);\n",
            '        assert_eq!(add(2, 2), 4);\n        let s: &\'static str = "4";\n        assert_eq!(add(2, 2).to_string(), s);\n',
        ),
    ),
]

CORPUS: list[Case] = [*PYTHON, *JAVASCRIPT, *GO, *JAVA_RUST]
