"""A shell command line as simple commands, each as its words: the lexing half of the Bash
reading. Not a shell: it splits on `;`, `&&`, `||`, `|`, `&`, newlines, parentheses and
command substitutions, removes quotes as the shell does (`g"i"t`, `\\git`, ANSI-C
`$'\\x67it'`), and keeps here-document bodies aside as the command's standard input."""

from __future__ import annotations

import re
import shlex

SEPARATORS = {";", "&&", "||", "|", "|&", "&", "(", ")", "((", "))", ";;", "{", "}", "!"}
HEREDOC = re.compile(r"(?<!<)<<(-?)\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\2")
MARK = "__agentlint_heredoc_{}__"
MARKED = re.compile(r"__agentlint_heredoc_(\d+)__\Z")
ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n", "r": "\r"}
ESCAPES |= {"t": "\t", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}
ANSI_ESCAPE = re.compile(
    r"\\(?:([abeEfnrtv\\'\"?])|([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|u([0-9A-Fa-f]{1,4})"
    r"|U([0-9A-Fa-f]{1,8})|c(.))",
    re.S,
)
PUNCTUATION = ";&|()<>!{}$`"
PROTECT = {ord(c): 0xE000 + n for n, c in enumerate(PUNCTUATION)}
RESTORE = {v: k for k, v in PROTECT.items()}
SUBSTITUTED = "__agentlint_substitution__"
VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


def simple_commands(command: str) -> list[list[str]]:
    """The command's simple commands, each as its words (redirection operators kept)."""
    return split(strip_heredocs(command))


def split(text: str) -> list[list[str]]:
    """The simple commands of `text`, the commands inside its substitutions (`$(...)`,
    backticks, `<(...)`) first, as they run first."""
    protected, inner = _scan(text)
    out: list[list[str]] = [words for command in inner for words in split(command)]
    try:
        lexer = shlex.shlex(protected, posix=True, punctuation_chars=";&|()<>!")
        lexer.whitespace_split = True
        lexer.commenters = ""
        tokens = list(lexer)
    except ValueError:  # an unclosed quote: judge the plain words
        tokens = re.findall(r"[;&|()<>]+|[^\s;&|()<>]+", protected)
    out.append([])
    for token in tokens:
        if token in SEPARATORS or (set(token) <= set(";&|()!") and token.strip()):
            if out[-1]:
                out.append([])
        else:
            out[-1].append(token.translate(RESTORE))
    return [words for words in out if words]


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
            out.append(shlex.quote(decode_ansi(text[i + 2 : end]).translate(PROTECT)))
            i = end
        elif text.startswith('$"', i):
            pass  # the `"` that follows opens an ordinary double-quoted string
        else:
            out.append(" ; " if char == "\n" else char)
        i += 1
    return "".join(out), inner


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
        found = [m for m in HEREDOC.finditer(line) if not quoted[m.start()]]
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
    found = MARKED.match(word)
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

    return ANSI_ESCAPE.sub(one, inner)


def expand_variables(words: list[str], values: dict[str, str]) -> list[str]:
    """The words with `$NAME` and `${NAME}` replaced where the command line set NAME."""
    if not values:
        return words
    return [
        VARIABLE.sub(lambda m: values.get(m.group(1) or m.group(2), m.group(0)), w) for w in words
    ]
