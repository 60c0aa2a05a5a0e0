"""A shell command line as simple commands, each as its words: the lexing half of the Bash
reading. Not a shell: it splits on `;`, `&&`, `||`, `|`, `&`, newlines, parentheses and
command substitutions, removes quotes as the shell does (`g"i"t`, `\\git`, ANSI-C
`$'\\x67it'`), and keeps here-document bodies aside as the command's standard input."""

from __future__ import annotations

from agentlint import regex
from agentlint.structs import ASCII_LETTERS, DIGITS

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

SEPARATORS = {";", "&&", "||", "|", "|&", "&", "(", ")", "((", "))", ";;", "{", "}", "!"}
# The regexes below are compiled when a command needs them (a here-document, `$'...'`, a
# variable the line sets): an ordinary command is read without `re`, whose import costs a
# guarded call more than reading the command does.
HEREDOC = r"(?<!<)<<(-?)\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\2"
MARK = "__agentlint_heredoc_{}__"
MARKED = r"__agentlint_heredoc_(\d+)__\Z"
ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n", "r": "\r"}
ESCAPES |= {"t": "\t", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}
ANSI_ESCAPE = (
    r"(?s)\\(?:([abeEfnrtv\\'\"?])|([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|u([0-9A-Fa-f]{1,4})"
    r"|U([0-9A-Fa-f]{1,8})|c(.))"
)
PUNCTUATION = ";&|()<>!{}$`"
PROTECT = {ord(c): 0xE000 + n for n, c in enumerate(PUNCTUATION)}
RESTORE = {v: k for k, v in PROTECT.items()}
SUBSTITUTED = "__agentlint_substitution__"
VARIABLE = r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))"
# shlex's posix lexer, as split() sets it up: its whitespace and punctuation characters
BLANKS = " \t\r\n"
PUNCTUATION_CHARS = ";&|()<>!"


def simple_commands(command: str) -> list[list[str]]:
    """The command's simple commands, each as its words (redirection operators kept)."""
    return split(strip_heredocs(command))


def split(text: str) -> list[list[str]]:
    """The simple commands of `text`, the commands inside its substitutions (`$(...)`,
    backticks, `<(...)`) first, as they run first."""
    protected, inner = _scan(text)
    out: list[list[str]] = [words for command in inner for words in split(command)]
    try:
        tokens = shell_words(protected)
    except ValueError:  # an unclosed quote: judge the plain words
        tokens = regex.compile(r"[;&|()<>]+|[^\s;&|()<>]+").findall(protected)
    out.append([])
    for token in tokens:
        if token in SEPARATORS or (set(token) <= set(";&|()!") and token.strip()):
            if out[-1]:
                out.append([])
        else:
            out[-1].append(token.translate(RESTORE))
    return [words for words in out if words]


def shell_words(text: str) -> list[str]:
    """The tokens of `shlex.shlex(text, posix=True, punctuation_chars=";&|()<>!")` with
    `whitespace_split` on and no comment characters, read without `shlex` (which imports
    `re`): words with their quotes removed and backslash escapes applied, and runs of
    punctuation characters as tokens of their own. Raises ValueError as shlex does, for an
    unclosed quote or a backslash at the end. tests/guard/test_lex_properties.py holds it
    to shlex on random text."""
    tokens: list[str] = []
    i, end = 0, len(text)
    while True:
        while i < end and text[i] in BLANKS:
            i += 1
        if i >= end:
            return tokens
        if text[i] in PUNCTUATION_CHARS:
            start = i
            while i < end and text[i] in PUNCTUATION_CHARS:
                i += 1
            tokens.append(text[start:i])
            continue
        word: list[str] = []
        while i < end:
            char = text[i]
            if char in BLANKS or char in PUNCTUATION_CHARS:
                break
            if char == "'":  # everything up to the next `'` as it is
                close = text.find("'", i + 1)
                if close < 0:
                    raise ValueError("No closing quotation")
                word.append(text[i + 1 : close])
                i = close + 1
            elif char == '"':  # a backslash escapes only `"` and itself here
                i += 1
                while True:
                    if i >= end:
                        raise ValueError("No closing quotation")
                    char = text[i]
                    if char == '"':
                        i += 1
                        break
                    if char == "\\":
                        if i + 1 >= end:
                            raise ValueError("No escaped character")
                        follow = text[i + 1]
                        word.append(follow if follow in '"\\' else char + follow)
                        i += 2
                    else:
                        word.append(char)
                        i += 1
            elif char == "\\":
                if i + 1 >= end:
                    raise ValueError("No escaped character")
                word.append(text[i + 1])
                i += 2
            else:
                word.append(char)
                i += 1
        tokens.append("".join(word))


def _scan(text: str) -> tuple[str, list[str]]:
    """The text with quoted and escaped shell punctuation protected from the lexer (so
    `-m ')'` stays a word), ANSI-C strings decoded, newlines outside quotes made `;`, and
    each command substitution cut out; and the substitutions' commands."""
    out: list[str] = []
    inner: list[str] = []
    i, quote = 0, ""
    while i < len(text):
        char = text[i]
        if quote != "'" and (text.startswith("$(", i) or char == "`" or _process(text, i, quote)):
            end = _closing(text, i + (1 if char == "`" else 2), "`" if char == "`" else ")")
            inner.append(text[i + (1 if char == "`" else 2) : end])
            out.append(" " + SUBSTITUTED + " " if not quote else SUBSTITUTED)
            i = end + 1
            continue
        if quote:
            if char == quote:
                quote = ""
                out.append(char)
            elif text.startswith("\\\n", i) and quote == '"':
                i += 1  # a line continuation, inside double quotes too
            elif char == "\\" and quote == '"' and i + 1 < len(text):
                out.append(char + text[i + 1].translate(PROTECT))
                i += 1
            else:
                out.append(char.translate(PROTECT))
        elif text.startswith("\\\n", i):
            i += 1  # a line continuation joins the lines
        elif char == "\\" and i + 1 < len(text):
            follow = text[i + 1]
            out.append(("\\" + follow) if follow not in PUNCTUATION else follow.translate(PROTECT))
            i += 1
        elif char in "'\"":
            quote = char
            out.append(char)
        elif text.startswith("$'", i):
            end = _ansi_end(text, i + 2)
            out.append(_quote(decode_ansi(text[i + 2 : end]).translate(PROTECT)))
            i = end
        elif text.startswith('$"', i):
            pass  # the `"` that follows opens an ordinary double-quoted string
        else:
            out.append(" ; " if char == "\n" else char)
        i += 1
    return "".join(out), inner


_SAFE = frozenset(ASCII_LETTERS + DIGITS + "_@%+=:,./-")


def _quote(text: str) -> str:
    """shlex.quote without shlex: `text` as one shell word, as it is when every character
    is safe, else in single quotes."""
    if text and _SAFE.issuperset(text):
        return text
    return "'" + text.replace("'", "'\"'\"'") + "'"


def _process(text: str, i: int, quote: str) -> bool:
    """`<(...)` or `>(...)`, a process substitution (not inside quotes)."""
    return not quote and text.startswith(("<(", ">("), i)


def _closing(text: str, start: int, closer: str) -> int:
    """Where a substitution opened before `start` ends: its closer at depth 0, outside
    quotes; the end of the text when it never closes."""
    depth, i, quote = 0, start, ""
    while i < len(text):
        char = text[i]
        if quote:
            if char == quote:
                quote = ""
            elif char == "\\" and quote == '"':
                i += 1
        elif char == "\\":
            i += 1
        elif char in "'\"" and closer == ")":
            quote = char
        elif char == "(" and closer == ")":
            depth += 1
        elif char == closer:
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return len(text)


def strip_heredocs(command: str) -> str:
    """The command without here-document bodies, which are data, not commands."""
    return heredocs(command, mark=False)[0]


def heredocs(command: str, *, mark: bool = True) -> tuple[str, list[str]]:
    """The command with each here-document body cut out (and, with `mark`, its delimiter
    replaced by a placeholder word that `body` finds again), and the bodies in order."""
    out: list[str] = []
    bodies: list[str] = []
    waiting: list[tuple[str, bool]] = []
    current: list[str] = []
    quote = ""  # a quoted string that runs on from an earlier line
    for line in command.split("\n"):
        if waiting:
            delimiter, tabs = waiting[0]
            if (line.lstrip("\t") if tabs else line).strip() == delimiter:
                waiting.pop(0)
                bodies.append("\n".join(current))
                current = []
            else:
                current.append(line)
            continue
        quoted, quote = _quoted(line, quote)
        if "<<" not in line:  # no here-document starts on this line
            out.append(line)
            continue
        found = [m for m in regex.compile(HEREDOC).finditer(line) if not quoted[m.start()]]
        waiting += [(m.group(3), m.group(1) == "-") for m in found]
        if mark:
            for offset, m in enumerate(found):
                line = line.replace(m.group(0), "<< " + MARK.format(len(bodies) + offset), 1)
        out.append(line)
    if waiting:
        bodies.append("\n".join(current))  # an unterminated body runs to the end
    return "\n".join(out), bodies


def _quoted(line: str, quote: str) -> tuple[list[bool], str]:
    """For each character of the line, whether it sits inside quotes (`<<` there is
    text, not a here-document); and the quote still open at the end of the line."""
    mask: list[bool] = []
    i = 0
    while i < len(line):
        char = line[i]
        mask.append(bool(quote))
        if quote:
            if char == quote:
                quote = ""
            elif char == "\\" and quote == '"' and i + 1 < len(line):
                mask.append(True)
                i += 1
        elif char == "\\" and i + 1 < len(line):
            mask.append(False)
            i += 1
        elif char in "'\"":
            quote = char
        i += 1
    return mask, quote


def body(word: str, bodies: list[str]) -> str | None:
    """The here-document a placeholder word stands for."""
    if not word.startswith(MARK.partition("{")[0]):
        return None
    found = regex.compile(MARKED).match(word)
    if found is None or int(found.group(1)) >= len(bodies):
        return None
    return bodies[int(found.group(1))]


def _ansi_end(text: str, start: int) -> int:
    i = start
    while i < len(text) and text[i] != "'":
        i += 2 if text[i] == "\\" else 1
    return min(i, len(text))


def decode_ansi(inner: str) -> str:
    """The text of `$'inner'`, its backslash escapes decoded as bash decodes them."""

    def one(m: re.Match[str]) -> str:
        simple, octal, hexa, short, long, control = m.groups()
        if simple:
            return ESCAPES[simple]
        if control is not None:
            return chr(ord(control) & 0x1F)
        number = int(octal, 8) if octal else int(hexa or short or long, 16)
        return chr(number) if number < 0x110000 and not 0xD800 <= number < 0xE000 else ""

    return regex.compile(ANSI_ESCAPE).sub(one, inner) if "\\" in inner else inner


def expand_variables(words: list[str], values: dict[str, str]) -> list[str]:
    """The words with `$NAME` and `${NAME}` replaced where the command line set NAME."""
    if not values:
        return words
    variable = regex.compile(VARIABLE)
    return [
        variable.sub(lambda m: values.get(m.group(1) or m.group(2), m.group(0)), w)
        if "$" in w
        else w
        for w in words
    ]
