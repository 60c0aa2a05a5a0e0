#!/bin/sh
# agentlint's CI recipe: check every commit of a pull request and its net diff, lint the
# PR's title and body, optionally write SARIF, and fail the job on findings (exit 1) or
# when agentlint cannot check (exit 2). Used by action.yml and the GitLab job; runs
# anywhere with sh, git and agentlint.
#
#   AGENTLINT_BASE      the target branch's commit or ref (required)
#   AGENTLINT_HEAD      the pull request's head (default HEAD)
#   AGENTLINT_PR_TITLE  the PR's title, and AGENTLINT_PR_BODY its body (optional)
#   AGENTLINT_FORMAT    text, github or json for the log (default text)
#   AGENTLINT_SARIF     a file to write SARIF to as well (optional)
#   AGENTLINT_MARKDOWN  a file to write the review packet (Markdown) to (optional)
#   AGENTLINT_CODEQUALITY  a file to write GitLab Code Quality JSON to (optional)
#   AGENTLINT_PYTHON    the Python of the environment agentlint is installed in; it
#                       runs isolated (-I), so nothing in the checkout can be imported.
#                       Without it, `agentlint` is taken from PATH.
#
# The cache is off: code that ran earlier on the runner must not plant a verdict.
set -u
export AGENTLINT_NO_CACHE=1
unset AGENTLINT_CACHE_DIR
# shellcheck disable=SC2046 # no Python setting from the environment reaches agentlint
unset $(env | sed -n 's/^\(PYTHON[A-Za-z0-9_]*\)=.*/\1/p')
agentlint() {
    if [ -n "${AGENTLINT_PYTHON:-}" ]; then
        "$AGENTLINT_PYTHON" -I -m agentlint "$@"
    else
        command agentlint "$@"
    fi
}
base=${AGENTLINT_BASE:-}
head=${AGENTLINT_HEAD:-HEAD}
if [ -z "$base" ]; then
    echo "agentlint-ci: error: set AGENTLINT_BASE to the target branch's commit" >&2
    exit 2
fi
if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
    # a shallow clone cannot show the range: fetch the history (or set fetch depth 0)
    git fetch --quiet --no-tags --unshallow origin >&2 || {
        echo "agentlint-ci: error: this clone is shallow and the history cannot be fetched;" \
            "set the checkout's fetch depth to 0" >&2
        exit 2
    }
fi
git cat-file -e "$base^{commit}" 2>/dev/null || git fetch --quiet --no-tags origin "$base" >&2 || true

set -- --range "$base..$head"
if [ -n "${AGENTLINT_PR_TITLE:-}${AGENTLINT_PR_BODY:-}" ]; then
    message=$(mktemp)
    trap 'rm -f "$message"' EXIT
    printf '%s\n\n%s\n' "${AGENTLINT_PR_TITLE:-}" "${AGENTLINT_PR_BODY:-}" >"$message"
    set -- "$@" --message-file "$message"
fi
for report in "sarif:${AGENTLINT_SARIF:-}" "markdown:${AGENTLINT_MARKDOWN:-}" \
    "gitlab:${AGENTLINT_CODEQUALITY:-}"; do
    file=${report#*:}
    if [ -n "$file" ]; then
        agentlint check "$@" --format "${report%%:*}" -o "$file"
        if [ $? -eq 2 ]; then
            exit 2
        fi
    fi
done
agentlint check "$@" --format "${AGENTLINT_FORMAT:-text}"
