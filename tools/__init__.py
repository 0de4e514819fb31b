"""Developer tools: scripts that regenerate data the package ships (not imported at run time)."""
