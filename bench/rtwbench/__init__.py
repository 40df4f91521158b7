"""The benchmark of issue 8 (`make bench`, bench/run.py): build times per layer, peak
memory, and the pandas reference side by side with a check that their shares agree."""
