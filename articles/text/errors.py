"""Why an input cannot be imported; the message is shown to the user as is."""


class InputError(ValueError):
    """An input file that cannot become an article (one-line reason)."""
