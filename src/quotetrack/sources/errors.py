"""The one error a reader raises: which input, and why it could not be read."""


class SourceError(Exception):
    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):
        # Pickled by its two fields (not the message), so it survives a trip to a worker process.
        return (SourceError, (self.source, self.reason))
