"""Errors that storyweave documents and that callers (the CLI, the API) may catch.

Anything else escaping a stage is a bug.
"""

from __future__ import annotations


class StoryweaveError(Exception):
    """Base class of every documented storyweave error."""


class InputError(StoryweaveError):
    """Bad input from the user: the CLI turns it into exit code 2 and a one-line message."""


class NoInputError(InputError):
    """No input at all, or only empty inputs."""


class RefusedInput(InputError):
    """One input refused (binary, too large, unreadable); other inputs may still be used."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class BadRecordError(InputError):
    """A malformed line in a JSONL input; `line` is 1-based."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}, line {line}: {reason}")
        self.source = source
        self.line = line
        self.reason = reason


class ModelMissingError(StoryweaveError):
    """A model package is not installed; the message names the package to install."""
