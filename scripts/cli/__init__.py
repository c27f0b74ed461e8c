"""The commands: one module per subcommand, and their shared options in common.py."""
