"""Weakened-test detection: what each test checks, measured before and after a change.

Each language module turns one file's source into a `model.Parsed`: its tests, what each
checks (with a signature that survives moves, renames and reformatting) and the markers
that matter (skip, focus, tautologies, swallowed failures). `compare` judges the whole
change at once, so checks that moved or multiplied are not reported as lost.
"""
