"""The errors ``according`` raises on purpose; each message says what to do.

The CLI prints them as one line and exits non-zero; anything else is a bug.
"""


class AccordingError(Exception):
    """Base class: a problem with the user's input or setup, not a bug."""


class InputError(AccordingError, ValueError):
    """The input cannot be analysed (empty, binary, too large, not English...)."""


class FetchError(AccordingError):
    """A URL could not be fetched, or was refused (private address, too large...)."""


class StoreError(AccordingError):
    """The article store cannot be opened or read (locked, corrupt, unknown id)."""
