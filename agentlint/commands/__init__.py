"""One module per command. Each gathers inputs, calls pure functions and prints."""
