"""Two versions of one article compared: sentences aligned, every change in meaning listed."""
