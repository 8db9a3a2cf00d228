"""Detection: text in, findings out. Knows nothing about HTTP or wire formats."""
