"""The review record: load, validate and read the evidence an agent change carries."""
