"""The sending pack's size limits (a module of its own: the command line reads them without the export stack)."""

MB = 1_000_000  # mailbox limits are said in decimal megabytes
DEFAULT_MAX_BYTES = 10 * MB
