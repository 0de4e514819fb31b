"""Transport: settings, the command line, the console and the Discord client."""
