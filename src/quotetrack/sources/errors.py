"""The one error a reader raises: which input, and why it could not be read."""


class SourceError(Exception):
    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
